import { AppCredentialRepo } from './app-credential-repo.ts';
import { AssignmentRepo } from './assignment-repo.ts';
import { DomainRepo } from './domain-repo.ts';
import { GroupRepo } from './group-repo.ts';
import { KeyRepo } from './key-repo.ts';
import { ProjectRepo } from './project-repo.ts';
import { RevocationRepo } from './revocation-repo.ts';
import { RoleRepo } from './role-repo.ts';
import { UserRepo } from './user-repo.ts';

/** Every identity repository, as the identity services receive them. */
export interface IdentityRepos {
  readonly domains: DomainRepo;
  readonly projects: ProjectRepo;
  readonly users: UserRepo;
  readonly groups: GroupRepo;
  readonly roles: RoleRepo;
  readonly assignments: AssignmentRepo;
  readonly appCredentials: AppCredentialRepo;
  readonly revocations: RevocationRepo;
  readonly keys: KeyRepo;
}

/** The default (and only) implementation of every identity repository. */
export function createIdentityRepos(): IdentityRepos {
  return {
    domains: new DomainRepo(),
    projects: new ProjectRepo(),
    users: new UserRepo(),
    groups: new GroupRepo(),
    roles: new RoleRepo(),
    assignments: new AssignmentRepo(),
    appCredentials: new AppCredentialRepo(),
    revocations: new RevocationRepo(),
    keys: new KeyRepo(),
  };
}
