import type { ConnectorSpecification } from '../generated/protocol.js';
import { readPackageJson } from '../protocol/files.js';

export const sourceSpec: ConnectorSpecification = readPackageJson<ConnectorSpecification>('spec', 'source.json');
