// A request the client refused to send, as the API's own 422 says it (`HTTPValidationError`): where the fault
// is (`["body", "prompt"]`), the message, and a machine-readable type.
import type { InvalidRequestError } from '@llamacloud-chat/client';

const TYPES = {
  missing: 'missing',
  unknown: 'extra_forbidden',
  type: 'type_error',
  value: 'value_error',
} as const;

export function validationError(error: InvalidRequestError): {
  detail: { loc: string[]; msg: string; type: string }[];
} {
  const loc = error.field ? [error.field.in, error.field.name] : ['body'];
  return {
    detail: [{ loc, msg: error.message, type: error.problem ? TYPES[error.problem] : 'value_error' }],
  };
}
