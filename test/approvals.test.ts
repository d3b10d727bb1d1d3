import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { approversFor, findApproval, type ReviewEvidence } from '../scripts/core/gate/approvals.js';
import type { Config, Incident } from '../scripts/core/records/types.js';

const HEAD = 'a'.repeat(40);
const evidence = (reviews: { login: string; state: string; commitId?: string | null }[], author = 'dave'): ReviewEvidence => ({
  known: true,
  author,
  headSha: HEAD,
  reviews: reviews.map((review) => ({ commitId: HEAD, ...review })),
});

const CASES: { name: string; approvers: string[]; evidence: ReviewEvidence; expected: string }[] = [
  { name: 'an approver on the head', approvers: ['@bob'], evidence: evidence([{ login: 'bob', state: 'APPROVED' }]), expected: 'by @bob' },
  {
    name: 'pending reviews are not reviews yet',
    approvers: ['@bob'],
    evidence: evidence([
      { login: 'bob', state: 'APPROVED' },
      { login: 'bob', state: 'PENDING' },
    ]),
    expected: 'by @bob',
  },
  {
    name: 'a re-approval after changes requested',
    approvers: ['@bob'],
    evidence: evidence([
      { login: 'bob', state: 'CHANGES_REQUESTED' },
      { login: 'bob', state: 'APPROVED' },
    ]),
    expected: 'by @bob',
  },
  {
    name: 'a review on a commit GitHub lost',
    approvers: ['@bob'],
    evidence: evidence([{ login: 'bob', state: 'APPROVED', commitId: null }]),
    expected: '@bob approved an older commit (an unkn',
  },
  {
    name: 'teams cannot approve',
    approvers: ['@acme/leads'],
    evidence: evidence([{ login: 'bob', state: 'APPROVED' }]),
    expected: 'the config lists none (team handles cannot be checked: list people)',
  },
  {
    name: 'no evidence',
    approvers: ['@bob'],
    evidence: { known: false, reason: 'the API is down' },
    expected: 'by someone other than its author; the API is down',
  },
];

const approvals = suite('findApproval');
for (const { name, approvers, evidence: given, expected } of CASES) {
  approvals(name, () => {
    const result = findApproval(approvers, given, 'Entering resolved');
    assert.ok((result.ok ? `by ${result.by}` : result.message).includes(expected), JSON.stringify(result));
  });
}

approvals("approvers are the default list and every affected service's list, once each", () => {
  const config = { approvers: { default: ['@alice', '@bob'], services: { api: ['@bob', '@api-lead'], web: ['@web-lead'] } } } as unknown as Config;
  const incident = {
    services: [
      { id: 'api', status: 'major_outage' },
      { id: 'db', status: 'degraded_performance' },
    ],
  } as unknown as Incident;
  assert.equal(approversFor(config, incident), ['@alice', '@bob', '@api-lead']);
});

approvals.run();
