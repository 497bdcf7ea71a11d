/**
 * Agents.
 */
import { NotFound } from './base.ts';

export class AgentNotFound extends NotFound {
  constructor(id: string) { super(`Agent ${id} could not be found.`); }
}
