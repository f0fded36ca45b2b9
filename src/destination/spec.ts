import type { ConnectorSpecification } from '../generated/protocol.js';
import { readPackageJson } from '../protocol/files.js';

export const destinationSpec: ConnectorSpecification = readPackageJson<ConnectorSpecification>('spec', 'destination.json');
