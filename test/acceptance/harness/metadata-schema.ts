/**
 * The shape of Airbyte's connector metadata file (metadataSpecVersion 1.0, the
 * ConnectorMetadataDefinitionV0 schema of Airbyte's metadata service), written down from its
 * documentation for the fields this project can use: unknown keys are rejected, as the platform's
 * validator rejects them (additionalProperties false on the root and on data).
 */
const string = { type: 'string', minLength: 1 };

export const METADATA_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  required: ['metadataSpecVersion', 'data'],
  properties: {
    metadataSpecVersion: { type: 'string', const: '1.0' },
    data: {
      type: 'object',
      additionalProperties: false,
      required: [
        'name',
        'definitionId',
        'connectorType',
        'dockerRepository',
        'dockerImageTag',
        'license',
        'documentationUrl',
        'githubIssueLabel',
        'connectorSubtype',
        'releaseStage',
      ],
      properties: {
        name: string,
        icon: string,
        definitionId: { type: 'string', format: 'uuid' },
        connectorType: { enum: ['source', 'destination'] },
        connectorSubtype: { enum: ['api', 'database', 'datalake', 'file', 'custom', 'message_queue', 'unknown', 'vectorstore'] },
        dockerRepository: string,
        dockerImageTag: { type: 'string', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?$' },
        documentationUrl: { type: 'string', format: 'uri' },
        githubIssueLabel: string,
        license: string,
        releaseStage: { enum: ['alpha', 'beta', 'generally_available', 'custom'] },
        supportLevel: { enum: ['community', 'certified', 'archived'] },
        releaseDate: { type: 'string', format: 'date' },
        protocolVersion: string,
        maxSecondsBetweenMessages: { type: 'integer', minimum: 1 },
        supportsDbt: { type: 'boolean' },
        supportsNormalization: { type: 'boolean' },
        supportsFileTransfer: { type: 'boolean' },
        tags: { type: 'array', items: string },
        allowedHosts: {
          type: 'object',
          properties: { hosts: { type: 'array', items: string } },
        },
        suggestedStreams: {
          type: 'object',
          properties: { streams: { type: 'array', items: string } },
        },
        // Present in the schema; this project has no use for their contents yet.
        connectorBuildOptions: { type: 'object' },
        registryOverrides: { type: 'object' },
        releases: { type: 'object' },
        resourceRequirements: { type: 'object' },
        ab_internal: { type: 'object' },
        remoteRegistries: { type: 'object' },
        connectorTestSuitesOptions: { type: 'array' },
      },
    },
  },
} as const;
