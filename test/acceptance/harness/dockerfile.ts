/**
 * Reads the Dockerfile as Docker would resolve a target: the chain of stages from the target
 * back to its base image, each instruction of a later stage overriding the earlier ones.
 */
import { readFileSync } from 'node:fs';
import { DockerfileParser, type Entrypoint, type Env, type From, type Instruction, type Label } from 'dockerfile-ast';

export interface Stage {
  name: string | null;
  /** The FROM argument: an image, or the name of an earlier stage. */
  from: string;
  fromInstruction: From;
  instructions: Instruction[];
}

export interface Target {
  name: string;
  /** The stages from the base image down to the target. */
  chain: Stage[];
  /** The base image of the chain's first stage. */
  baseImage: From;
  /** ENTRYPOINT in exec form, or null when it is in shell form or missing. */
  entrypoint: string[] | null;
  env: Map<string, string>;
  labels: Map<string, string>;
  user: string | null;
}

export function readStages(path: string): Stage[] {
  const dockerfile = DockerfileParser.parse(readFileSync(path, 'utf8'));
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = instruction as From;
      stages.push({ name: from.getBuildStage(), from: from.getImage() ?? '', fromInstruction: from, instructions: [] });
    } else {
      const current = stages.at(-1);
      if (!current) throw new Error(`${path}: ${instruction.getKeyword()} before any FROM`);
      current.instructions.push(instruction);
    }
  }
  return stages;
}

/** The text after the keyword, e.g. the command of a RUN. */
export function argumentsOf(instruction: Instruction): string {
  return instruction.getArgumentsContent() ?? '';
}

export function resolveTarget(stages: Stage[], name: string): Target {
  const chain: Stage[] = [];
  let current = stages.find((s) => s.name === name);
  if (!current) throw new Error(`no stage named ${name}`);
  while (current) {
    chain.unshift(current);
    const parentName: string = current.from;
    current = stages.slice(0, stages.indexOf(current)).find((s) => s.name === parentName);
  }
  const target: Target = { name, chain, baseImage: chain[0]!.fromInstruction, entrypoint: null, env: new Map(), labels: new Map(), user: null };
  for (const stage of chain) {
    for (const instruction of stage.instructions) {
      switch (instruction.getKeyword()) {
        case 'ENTRYPOINT': {
          const entrypoint = instruction as Entrypoint;
          target.entrypoint = entrypoint.getOpeningBracket() ? entrypoint.getJSONStrings().map((s) => s.getJSONValue()) : null;
          break;
        }
        case 'ENV':
          for (const p of (instruction as Env).getProperties()) target.env.set(p.getName(), p.getValue() ?? '');
          break;
        case 'LABEL':
          for (const p of (instruction as Label).getProperties()) target.labels.set(p.getName(), p.getValue() ?? '');
          break;
        case 'USER':
          target.user = argumentsOf(instruction).trim();
          break;
      }
    }
  }
  return target;
}
