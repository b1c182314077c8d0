import assert from 'node:assert/strict';
import { test } from 'node:test';
import { managementCoverageShortfall, managementEventCoverage, type EventSelectorsData } from '@/lib/cloudtrail/event-selectors';

// GetEventSelectors responses as AWS returns them (the CLI's JSON), and what they record.
const cases: [string, EventSelectorsData, string | null][] = [
  ['the default basic selector', { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] } as never] }, null],
  ['basic, data events only', { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] } as never] }, 'records no management events (data events only)'],
  ['basic, read-only', { EventSelectors: [{ ReadWriteType: 'ReadOnly', IncludeManagementEvents: true }] }, 'records read-only management events: no IAM change is recorded'],
  ['basic, write-only', { EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }] }, 'records write-only management events'],
  ['basic, read-only and write-only selectors together', { EventSelectors: [{ ReadWriteType: 'ReadOnly' }, { ReadWriteType: 'WriteOnly' }] }, null],
  ['basic, KMS left out (a common cost saving)', { EventSelectors: [{ ReadWriteType: 'All', ExcludeManagementEventSources: ['kms.amazonaws.com'] }] }, null],
  ['basic, no selectors at all', { EventSelectors: [] }, 'records no management events (data events only)'],
  ['advanced, management events', { AdvancedEventSelectors: [{ Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }] }, null],
  ['advanced, S3 data events only', { AdvancedEventSelectors: [{ Name: 'S3', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] }] }, 'records no management events (data events only)'],
  ['advanced, management read-only', { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['true'] }] }] }, 'records read-only management events: no IAM change is recorded'],
  ['advanced, management writes plus reads in two selectors', { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] }, { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['true'] }] }] }, null],
  ['advanced, IAM left out', { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', NotEquals: ['iam.amazonaws.com'] }] }] }, 'leaves out the management events of iam.amazonaws.com'],
  ['advanced, only EC2', { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', Equals: ['ec2.amazonaws.com'] }] }] }, 'leaves out the management events of iam.amazonaws.com, sts.amazonaws.com, signin.amazonaws.com'],
];

for (const [name, data, shortfall] of cases) {
  test(`event selectors: ${name}`, () => {
    assert.equal(managementCoverageShortfall(managementEventCoverage(data)), shortfall);
  });
}
