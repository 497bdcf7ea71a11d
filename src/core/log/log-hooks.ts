import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { InvalidLogResourceType, InvalidResourceConstraint, LoggingTypeNotSupported, ResourceNotFound, TargetResourceNotFound } from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { loggableTypes, portSupportsLogging } from './log-driver-support.ts';

/** What a log's references are checked against, as the caller sees them (implemented in log-services.ts). */
export interface LogReferences {
  /** Whether the security group exists and the caller may read it. */
  securityGroupVisible(tx: Tx, ctx: RequestContext, id: string): Promise<boolean>;
  /** The port's binding (VIF and vNIC types) when it exists and the caller may read it. */
  portBinding(tx: Tx, ctx: RequestContext, id: string): Promise<{ vifType: string; vnicType: string } | undefined>;
  /** The security groups a port is in. */
  groupsOfPort(tx: Tx, portId: string): Promise<string[]>;
}

/**
 * Network logs, as Neutron's logging plugin validates them before the
 * write (sg_validate.py), in its order: the type must be one the backend
 * logs (400 InvalidLogResourceType), the security group must exist for the
 * caller (404 ResourceNotFound), so must the port (404
 * TargetResourceNotFound), which must be plugged the way the backend logs
 * (409 LoggingTypeNotSupported) and, when both are named, be in that group
 * (400 InvalidResourceConstraint). Logs go with their group or port
 * (foreign keys, expand 0022); what they log is the OVN driver's business.
 */
export function logHooks(references: LogReferences): ResourceHooks {
  return {
    async beforeCreate(tx, ctx, values) {
      const type = String(values.resource_type);
      if (!loggableTypes().includes(type)) throw new InvalidLogResourceType(type);
      const resourceId = values.resource_id as string | null;
      const targetId = values.target_id as string | null;
      if (resourceId && !await references.securityGroupVisible(tx, ctx, resourceId)) {
        throw new ResourceNotFound(`Resource ${resourceId} could not be found.`);
      }
      if (!targetId) return;
      const binding = await references.portBinding(tx, ctx, targetId);
      if (binding === undefined) throw new TargetResourceNotFound(targetId);
      if (!portSupportsLogging(type, binding)) throw new LoggingTypeNotSupported(type, targetId);
      if (resourceId && !(await references.groupsOfPort(tx, targetId)).includes(resourceId)) {
        throw new InvalidResourceConstraint(type, resourceId, 'port', targetId);
      }
    },
  };
}
