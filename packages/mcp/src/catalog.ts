// Which operations this server exposes, from the spec's classification: the kind (read / write / paid)
// and the privilege (account / destructive). Read-only mode keeps `read` only; a privileged operation is
// exposed only when A2E_MCP_ALLOW_OPERATIONS names it.
import { jobFamilies, operations } from '@a2e-sdk/client/operations';
import type { McpConfig } from './config.js';
import { ToolRefusedError } from './errors.js';

export type OperationEntry = (typeof operations)[keyof typeof operations] & {
  privilege?: 'account' | 'destructive';
  jobStart?: { family: string; idField: string };
};
export type FamilyEntry = (typeof jobFamilies)[keyof typeof jobFamilies];

export interface Catalog {
  /** Exposed operations, by id. */
  operations: ReadonlyMap<string, OperationEntry>;
  /** Job families whose status operation is exposed. */
  families: ReadonlyMap<string, FamilyEntry>;
  /** The exposed operation, or a refusal that says why it is not exposed. */
  require(operationId: string): OperationEntry;
}

export function createCatalog(config: Pick<McpConfig, 'readOnly' | 'allowOperations'>): Catalog {
  const exposed = new Map<string, OperationEntry>();
  const hidden = new Map<string, string>();
  for (const [id, raw] of Object.entries(operations)) {
    const op = raw as OperationEntry;
    if (config.readOnly && op.kind !== 'read')
      hidden.set(id, `${id} is not a read and this server runs read-only (A2E_MCP_READ_ONLY)`);
    else if (op.privilege && !config.allowOperations.has(id)) {
      hidden.set(
        id,
        `${id} is a ${op.privilege} operation; the server exposes it only when A2E_MCP_ALLOW_OPERATIONS names it`,
      );
    } else exposed.set(id, op);
  }
  const families = new Map<string, FamilyEntry>();
  for (const [name, family] of Object.entries(jobFamilies))
    if (exposed.has(family.statusOperation)) families.set(name, family);
  return {
    operations: exposed,
    families,
    require(operationId) {
      const op = exposed.get(operationId);
      if (op) return op;
      throw new ToolRefusedError(
        'not-exposed',
        hidden.get(operationId) ?? `Unknown operation "${operationId}" (search_operations lists them)`,
      );
    },
  };
}
