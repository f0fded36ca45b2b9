/**
 * Product names and descriptions. The long description is HTML (<p>, <ul><li>, <br>), as in
 * distributor feeds; all text stays within Windows-1252 (®, ™, °, €, ’, “ ”, ×) and never
 * contains a tab, CR or LF.
 */
import type { CategoryLeaf } from './categories.js';
import type { Department, Maker } from './makers.js';
import { fmix32, type Rng } from './random.js';

const SERIES = [
  'ProBeam', 'Sentinel', 'Vanguard', 'Ranger', 'Patriot', 'Stealth', 'Outrider', 'Trailblazer',
  'Defender', 'Liberator', 'Nightwatch', 'Ironside', 'Phantom', 'Recon', 'Striker', 'Warden',
  'Frontier', 'Tac-Pro', 'DutyMax', 'FlexFit', 'Summit', 'Nomad', 'Comet', 'Atlas', 'Tempest',
  'Quantum', 'Raptor', 'Bastion', 'Centurion', 'Maverick', 'Keystone', 'Trident', 'Specter',
  'Rampart', 'Pathfinder', 'Overwatch', 'Lodestar', 'Harrier', 'Corsair', 'Sabre',
];
const MODELS = ['X2', 'TL-9', '300', 'G3', 'Pro', 'HL-X', 'Mk II', 'Elite', 'Plus', 'LE', '2.0', 'C4', 'Sport', 'XT', 'ST-1', '7'];
const MARKS = ['™', '®'];

const ADJECTIVES = ['Rugged', 'Lightweight', 'Compact', 'Professional-grade', 'Duty-rated', 'Versatile', 'Field-proven', 'Low-profile', 'Heavy-duty', 'Agency-approved'];

const PURPOSE: Record<Department, readonly string[]> = {
  L: ['for patrol and tactical use', 'built for low-light searches', 'for building clears and traffic stops'],
  D: ['for uniformed officers', 'made for daily duty wear', 'for patrol and corrections'],
  R: ['for secure transport', 'for patrol and corrections', 'for prisoner control'],
  A: ['for patrol and tactical teams', 'for officer protection', 'for active-threat response'],
  P: ['for year-round duty wear', 'for patrol and corrections staff', 'for long shifts in any weather'],
  F: ['for long shifts on hard surfaces', 'for patrol and tactical use', 'for all-day comfort on duty'],
  O: ['for duty rifles and carbines', 'for fast target acquisition', 'for precision and patrol rifles'],
  G: ['for duty and training firearms', 'for agency armorers', 'for patrol rifles and pistols'],
  S: ['for qualification and training', 'for the range', 'for instructors and students'],
  N: ['for less-lethal response', 'for use-of-force training', 'for crowd and subject control'],
  K: ['for everyday carry', 'for rescue and utility work', 'for duty and field use'],
  C: ['for portable radios', 'for clear communication in noise', 'for covert and patrol assignments'],
  M: ['for officer first aid', 'for treating traumatic injuries in the field', 'for patrol vehicles and go-bags'],
  B: ['for gear on the move', 'for patrol and range days', 'for call-outs and deployments'],
  X: ['for duty and qualification', 'for training and practice', 'for agency duty use'],
  T: ['for traffic control', 'for scene safety', 'for roadside incidents'],
};

const INTROS = [
  'is built for officers who depend on their gear every shift',
  'combines proven materials with a design refined by working officers',
  'was developed with input from patrol, SWAT and corrections personnel',
  'delivers dependable performance in the harshest conditions',
  'meets the demands of daily duty without adding bulk',
  'is engineered for years of reliable service',
];

const CLOSINGS = [
  'Backed by the maker’s limited lifetime warranty.',
  'Agency and bulk pricing available on request.',
  'Approved for duty use by many state and local agencies.',
  'Ships in the maker’s “ready-to-issue” packaging.',
  'Covered by a two-year warranty against defects in materials and workmanship.',
  'Available to law-enforcement, military and public-safety buyers.',
];

/** Each maker names its products from four of the series names. */
function seriesFor(maker: Maker, r: Rng): string {
  let h = 0;
  for (let i = 0; i < maker.code.length; i++) h = fmix32(h ^ maker.code.charCodeAt(i));
  const word = SERIES[(h + r.int(4) * 11) % SERIES.length] as string;
  const mark = r.chance(0.2) ? r.pick(MARKS) : '';
  return `${word}${mark} ${r.pick(MODELS)}`;
}

/** "LED Safety Flare" -> "LED safety flare": lower case except acronyms and numerals (LED, IFAK, III, B). */
function inSentence(noun: string): string {
  return noun
    .split(' ')
    .map((w) => (/[A-Z]/.test(w) && w === w.toUpperCase() ? w : w.toLowerCase()))
    .join(' ');
}

function makerShortName(maker: Maker): string {
  return maker.name.replace(/[®™]/g, '');
}

export interface ProductText {
  name: string;
  shortDescription: string;
  longDescription: string;
  /** The variant chosen for the name, if any (feeds the part number suffix). */
  variant: string | null;
}

/** Text for one product; `msrp` only feeds the occasional EU (€) price line. */
export function productText(r: Rng, maker: Maker, leaf: CategoryLeaf, msrp: number): ProductText {
  const series = seriesFor(maker, r);
  const noun = r.pick(leaf.nouns);
  const spec = leaf.specs.length > 0 && r.chance(0.8) ? r.pick(leaf.specs) : null;
  const variant = leaf.variants.length > 0 && r.chance(0.7) ? r.pick(leaf.variants) : null;
  let name = `${series} ${noun}`;
  if (spec) name += `, ${spec}`;
  if (variant) name += `, ${variant}`;

  const adjective = r.pick(ADJECTIVES);
  const purpose = r.pick(PURPOSE[leaf.department]);
  const shortDescription = spec
    ? `${adjective} ${inSentence(noun)} (${spec}) ${purpose}.`
    : `${adjective} ${inSentence(noun)} ${purpose}.`;

  const features = r.sample(leaf.features, r.between(3, 4));
  let long = `<p>The ${series} ${noun} from ${makerShortName(maker)} ${r.pick(INTROS)}.</p><ul>`;
  for (const f of features) long += `<li>${f}</li>`;
  long += '</ul><p>';
  long += r.pick(CLOSINGS);
  const tail = r.next();
  if (tail < 0.06) {
    const eu = Math.floor(msrp * 0.93) + 0.9;
    long += `<br>Also sold to EU agencies at €${eu.toFixed(2)} (VAT excluded).`;
  } else if (tail < 0.3) {
    long += '<br>Made to order items ship in 2–3 weeks.';
  }
  long += '</p>';
  return { name, shortDescription, longDescription: long, variant };
}
