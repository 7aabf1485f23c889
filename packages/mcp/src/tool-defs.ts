// The tool list an agent reads, built from the catalog (itself from the spec). Chosen shape (see README,
// "Tool shape"): a few workflow tools with the job families and job starts as enums, plus generic tools
// that reach every other exposed operation with its input schema from the spec on demand.
import type { Catalog } from './catalog.js';

export interface ToolDef {
  name: string;
  description: string;
  inputSchema: { type: 'object'; properties: Record<string, unknown>; required?: string[] };
}

export interface ToolSwitches {
  readOnly: boolean;
  uploads: boolean;
  ttlMinutes: number;
}

const input = {
  type: 'object',
  description:
    "The operation's input: path, query and body fields in one object (describe_operation shows its schema).",
};
const timeoutMs = {
  type: 'integer',
  minimum: 0,
  description: 'How long to wait before handing back the job id (the job keeps running). Default 45000.',
};

export function toolDefs(catalog: Catalog, s: ToolSwitches): ToolDef[] {
  const families = [...catalog.families.keys()];
  const starts = [...catalog.operations]
    .filter(([, op]) => op.jobStart && catalog.families.has(op.jobStart.family))
    .map(([id]) => id);
  const confirmation = {
    type: 'string',
    description: `Required for paid operations: the token quote_operation returned for exactly this operationId and input (valid ${s.ttlMinutes} min). Reusing it returns the first result; it never charges twice.`,
  };
  const tools: ToolDef[] = [
    {
      name: 'search_operations',
      description:
        'Finds A2E operations exposed by this server by words in their id, tag or summary. Returns ids, kinds (read, write, paid) and job families.',
      inputSchema: {
        type: 'object',
        properties: { query: { type: 'string' }, kind: { enum: s.readOnly ? ['read'] : ['read', 'write', 'paid'] } },
        required: ['query'],
      },
    },
    {
      name: 'describe_operation',
      description: 'Shows one operation: what it does, its kind, its job family, and the JSON Schema of its input.',
      inputSchema: { type: 'object', properties: { operationId: { type: 'string' } }, required: ['operationId'] },
    },
    {
      name: 'invoke_operation',
      description: s.readOnly
        ? 'Calls any exposed read operation by id (this server is read-only).'
        : 'Calls any exposed operation by id. A paid one needs `confirmation` from quote_operation; a job start returns the job id (wait with wait_for_job).',
      inputSchema: {
        type: 'object',
        properties: { operationId: { type: 'string' }, input, ...(!s.readOnly && { confirmation }) },
        required: ['operationId'],
      },
    },
  ];
  if (!s.readOnly) {
    tools.push(
      {
        name: 'quote_operation',
        description:
          "Prices a paid operation with A2E's quote and returns a confirmation bound to this operationId and exact input. If A2E cannot price it, returns the exact request marked unpriced, with a confirmation.",
        inputSchema: {
          type: 'object',
          properties: { operationId: { type: 'string' }, input },
          required: ['operationId', 'input'],
        },
      },
      {
        name: 'start_job',
        description:
          'Starts a job (paid: pass the confirmation from quote_operation) and waits for it, reporting progress. Returns the job id, status, result URLs and record; on timeout, the id to resume with wait_for_job.',
        inputSchema: {
          type: 'object',
          properties: { operationId: { enum: starts }, input, confirmation, timeoutMs },
          required: ['operationId', 'input'],
        },
      },
    );
  }
  tools.push(
    {
      name: 'wait_for_job',
      description:
        'Waits for a job by id (e.g. after a timeout), reporting progress; returns status, result URLs and record.',
      inputSchema: {
        type: 'object',
        properties: { family: { enum: families }, jobId: { type: 'string' }, timeoutMs },
        required: ['family', 'jobId'],
      },
    },
    {
      name: 'get_job',
      description: "Reads a job's status, result URLs and record once.",
      inputSchema: {
        type: 'object',
        properties: { family: { enum: families }, jobId: { type: 'string' } },
        required: ['family', 'jobId'],
      },
    },
    {
      name: 'list_jobs',
      description: 'Lists recent jobs of a family (its list operation; `input` takes its paging fields).',
      inputSchema: { type: 'object', properties: { family: { enum: families }, input }, required: ['family'] },
    },
  );
  if (s.uploads && !s.readOnly) {
    tools.push({
      name: 'upload_file',
      description:
        'Uploads a local file under the configured root to A2E storage and returns the URL jobs accept. A2E bills the upload URL, so the first call returns the request and a confirmation; call again with it.',
      inputSchema: {
        type: 'object',
        properties: {
          path: { type: 'string', description: 'Relative to the upload root.' },
          confirmation: { type: 'string' },
        },
        required: ['path'],
      },
    });
  }
  return tools;
}
