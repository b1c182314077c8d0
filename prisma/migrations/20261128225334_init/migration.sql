-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "access" TEXT NOT NULL,
    "roleArn" TEXT,
    "externalId" TEXT,
    "isOwn" BOOLEAN NOT NULL DEFAULT true,
    "regions" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trigger" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "actor" TEXT,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "apiCalls" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT
);

-- CreateTable
CREATE TABLE "SyncSourceRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "apiCalls" INTEGER NOT NULL DEFAULT 0,
    "records" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "errorCode" TEXT,
    "missingPermissions" JSONB NOT NULL DEFAULT '[]',
    "snapshotId" TEXT,
    CONSTRAINT "SyncSourceRun_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SyncSourceRun_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Snapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "runId" TEXT,
    "takenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "meta" JSONB NOT NULL DEFAULT '{}',
    "missingPermissions" JSONB NOT NULL DEFAULT '[]',
    CONSTRAINT "Snapshot_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Snapshot_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SyncLock" (
    "accountId" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "acquiredAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "SyncLock_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CredentialReportEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapshotId" TEXT NOT NULL,
    "isRoot" BOOLEAN NOT NULL,
    "user" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "userCreationTime" DATETIME NOT NULL,
    "passwordEnabled" BOOLEAN,
    "passwordEnabledSentinel" TEXT,
    "passwordLastUsed" DATETIME,
    "passwordLastUsedSentinel" TEXT,
    "passwordLastChanged" DATETIME,
    "passwordLastChangedSentinel" TEXT,
    "passwordNextRotation" DATETIME,
    "passwordNextRotationSentinel" TEXT,
    "mfaActive" BOOLEAN NOT NULL,
    "accessKey1Active" BOOLEAN NOT NULL,
    "accessKey1LastRotated" DATETIME,
    "accessKey1LastRotatedSentinel" TEXT,
    "accessKey1LastUsedDate" DATETIME,
    "accessKey1LastUsedDateSentinel" TEXT,
    "accessKey1LastUsedRegion" TEXT,
    "accessKey1LastUsedRegionSentinel" TEXT,
    "accessKey1LastUsedService" TEXT,
    "accessKey1LastUsedServiceSentinel" TEXT,
    "accessKey2Active" BOOLEAN NOT NULL,
    "accessKey2LastRotated" DATETIME,
    "accessKey2LastRotatedSentinel" TEXT,
    "accessKey2LastUsedDate" DATETIME,
    "accessKey2LastUsedDateSentinel" TEXT,
    "accessKey2LastUsedRegion" TEXT,
    "accessKey2LastUsedRegionSentinel" TEXT,
    "accessKey2LastUsedService" TEXT,
    "accessKey2LastUsedServiceSentinel" TEXT,
    "cert1Active" BOOLEAN NOT NULL,
    "cert1LastRotated" DATETIME,
    "cert1LastRotatedSentinel" TEXT,
    "cert2Active" BOOLEAN NOT NULL,
    "cert2LastRotated" DATETIME,
    "cert2LastRotatedSentinel" TEXT,
    CONSTRAINT "CredentialReportEntry_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IamUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapshotId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "createDate" DATETIME NOT NULL,
    "permissionsBoundaryArn" TEXT,
    "groups" JSONB NOT NULL,
    "attachedPolicyArns" JSONB NOT NULL,
    "inlinePolicies" JSONB NOT NULL,
    "tags" JSONB NOT NULL,
    CONSTRAINT "IamUser_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IamGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapshotId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "createDate" DATETIME NOT NULL,
    "attachedPolicyArns" JSONB NOT NULL,
    "inlinePolicies" JSONB NOT NULL,
    CONSTRAINT "IamGroup_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IamRole" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapshotId" TEXT NOT NULL,
    "roleId" TEXT NOT NULL,
    "roleName" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "createDate" DATETIME NOT NULL,
    "trustPolicy" TEXT NOT NULL,
    "maxSessionDuration" INTEGER,
    "permissionsBoundaryArn" TEXT,
    "attachedPolicyArns" JSONB NOT NULL,
    "inlinePolicies" JSONB NOT NULL,
    "lastUsedAt" DATETIME,
    "lastUsedRegion" TEXT,
    "tags" JSONB NOT NULL,
    CONSTRAINT "IamRole_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IamPolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapshotId" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "policyName" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "isAwsManaged" BOOLEAN NOT NULL,
    "attachmentCount" INTEGER NOT NULL,
    "permissionsBoundaryUsageCount" INTEGER NOT NULL,
    "defaultVersionId" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    CONSTRAINT "IamPolicy_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MfaDevice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapshotId" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "userName" TEXT,
    "userArn" TEXT,
    "isVirtual" BOOLEAN NOT NULL,
    "isRoot" BOOLEAN NOT NULL,
    "enableDate" DATETIME,
    CONSTRAINT "MfaDevice_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PasswordPolicy" (
    "snapshotId" TEXT NOT NULL PRIMARY KEY,
    "present" BOOLEAN NOT NULL,
    "minimumPasswordLength" INTEGER,
    "requireSymbols" BOOLEAN,
    "requireNumbers" BOOLEAN,
    "requireUppercaseCharacters" BOOLEAN,
    "requireLowercaseCharacters" BOOLEAN,
    "allowUsersToChangePassword" BOOLEAN,
    "expirePasswords" BOOLEAN,
    "maxPasswordAge" INTEGER,
    "passwordReusePrevention" INTEGER,
    "hardExpiry" BOOLEAN,
    CONSTRAINT "PasswordPolicy_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccountSummary" (
    "snapshotId" TEXT NOT NULL PRIMARY KEY,
    "accountMfaEnabled" BOOLEAN NOT NULL,
    "accountAccessKeysPresent" BOOLEAN NOT NULL,
    "users" INTEGER NOT NULL,
    "roles" INTEGER NOT NULL,
    "groups" INTEGER NOT NULL,
    "policies" INTEGER NOT NULL,
    "mfaDevices" INTEGER NOT NULL,
    "mfaDevicesInUse" INTEGER NOT NULL,
    "summaryMap" JSONB NOT NULL,
    CONSTRAINT "AccountSummary_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrganizationState" (
    "snapshotId" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "message" TEXT,
    CONSTRAINT "OrganizationState_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ServiceControlPolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapshotId" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "description" TEXT,
    "awsManaged" BOOLEAN NOT NULL,
    CONSTRAINT "ServiceControlPolicy_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Analyzer" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    CONSTRAINT "Analyzer_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Finding" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "id" TEXT NOT NULL,
    "analyzerArn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "findingType" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "resourceOwnerAccount" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "analyzedAt" DATETIME NOT NULL,
    "error" TEXT,
    "details" JSONB,
    "detailsFetchedAt" DATETIME,
    "lastSeenAt" DATETIME NOT NULL,
    "archiveExpiresAt" DATETIME,
    CONSTRAINT "Finding_analyzerArn_fkey" FOREIGN KEY ("analyzerArn") REFERENCES "Analyzer" ("arn") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Finding_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FindingTriage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "findingKey" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" TEXT NOT NULL,
    "toStatus" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    CONSTRAINT "FindingTriage_findingKey_fkey" FOREIGN KEY ("findingKey") REFERENCES "Finding" ("key") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FindingCount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapshotId" TEXT NOT NULL,
    "findingType" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    CONSTRAINT "FindingCount_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Trail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapshotId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "homeRegion" TEXT NOT NULL,
    "isMultiRegion" BOOLEAN NOT NULL,
    "isOrganizationTrail" BOOLEAN NOT NULL,
    "logFileValidation" BOOLEAN NOT NULL,
    "isLogging" BOOLEAN,
    "latestDeliveryTime" DATETIME,
    "latestDeliveryError" TEXT,
    "s3BucketName" TEXT,
    "statusError" TEXT,
    CONSTRAINT "Trail_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventDailyCount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    CONSTRAINT "EventDailyCount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrailEvent" (
    "eventId" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "eventTime" DATETIME NOT NULL,
    "eventName" TEXT NOT NULL,
    "eventSource" TEXT NOT NULL,
    "userType" TEXT,
    "userName" TEXT,
    "userArn" TEXT,
    "sourceIp" TEXT,
    "userAgent" TEXT,
    "mfaUsed" BOOLEAN,
    "errorCode" TEXT,
    "isRoot" BOOLEAN NOT NULL,
    "isConsoleLogin" BOOLEAN NOT NULL,
    "isCrossAccount" BOOLEAN NOT NULL,
    "recipientAccountId" TEXT,
    CONSTRAINT "TrailEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CloudTrailCursor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "lookup" TEXT NOT NULL,
    "lastEventTime" DATETIME NOT NULL,
    "lastEventIds" JSONB NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CloudTrailCursor_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChecklistRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "runId" TEXT,
    "evaluatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "passed" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "unknown" INTEGER NOT NULL,
    "notApplicable" INTEGER NOT NULL,
    CONSTRAINT "ChecklistRun_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChecklistVerdict" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "checklistRunId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "verdict" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "remedy" JSONB NOT NULL,
    "references" JSONB NOT NULL,
    "thresholds" JSONB NOT NULL,
    "missingPermissions" JSONB NOT NULL DEFAULT '[]',
    "since" DATETIME NOT NULL,
    CONSTRAINT "ChecklistVerdict_checklistRunId_fkey" FOREIGN KEY ("checklistRunId") REFERENCES "ChecklistRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attendees" JSONB NOT NULL DEFAULT '[]',
    "signedBy" TEXT,
    "signedAt" DATETIME,
    "notes" TEXT
);

-- CreateTable
CREATE TABLE "ReviewAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "baselineSnapshotId" TEXT,
    CONSTRAINT "ReviewAccount_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewAccount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewAccount_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ReviewAccount_baselineSnapshotId_fkey" FOREIGN KEY ("baselineSnapshotId") REFERENCES "Snapshot" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "reasons" JSONB NOT NULL,
    "decision" TEXT,
    "justification" TEXT,
    "owner" TEXT,
    "dueDate" DATETIME,
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "carriedFromId" TEXT,
    CONSTRAINT "ReviewDecision_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}'
);

-- CreateIndex
CREATE INDEX "SyncRun_startedAt_idx" ON "SyncRun"("startedAt");

-- CreateIndex
CREATE INDEX "SyncSourceRun_accountId_source_finishedAt_idx" ON "SyncSourceRun"("accountId", "source", "finishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SyncSourceRun_runId_accountId_source_key" ON "SyncSourceRun"("runId", "accountId", "source");

-- CreateIndex
CREATE INDEX "Snapshot_accountId_source_takenAt_idx" ON "Snapshot"("accountId", "source", "takenAt");

-- CreateIndex
CREATE UNIQUE INDEX "CredentialReportEntry_snapshotId_user_key" ON "CredentialReportEntry"("snapshotId", "user");

-- CreateIndex
CREATE UNIQUE INDEX "IamUser_snapshotId_userName_key" ON "IamUser"("snapshotId", "userName");

-- CreateIndex
CREATE UNIQUE INDEX "IamGroup_snapshotId_groupName_key" ON "IamGroup"("snapshotId", "groupName");

-- CreateIndex
CREATE UNIQUE INDEX "IamRole_snapshotId_roleName_key" ON "IamRole"("snapshotId", "roleName");

-- CreateIndex
CREATE UNIQUE INDEX "IamPolicy_snapshotId_arn_key" ON "IamPolicy"("snapshotId", "arn");

-- CreateIndex
CREATE UNIQUE INDEX "MfaDevice_snapshotId_serialNumber_key" ON "MfaDevice"("snapshotId", "serialNumber");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceControlPolicy_snapshotId_policyId_key" ON "ServiceControlPolicy"("snapshotId", "policyId");

-- CreateIndex
CREATE INDEX "Analyzer_accountId_region_idx" ON "Analyzer"("accountId", "region");

-- CreateIndex
CREATE INDEX "Finding_accountId_status_findingType_idx" ON "Finding"("accountId", "status", "findingType");

-- CreateIndex
CREATE INDEX "Finding_status_updatedAt_idx" ON "Finding"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "Finding_resource_idx" ON "Finding"("resource");

-- CreateIndex
CREATE UNIQUE INDEX "Finding_analyzerArn_id_key" ON "Finding"("analyzerArn", "id");

-- CreateIndex
CREATE INDEX "FindingTriage_findingKey_at_idx" ON "FindingTriage"("findingKey", "at");

-- CreateIndex
CREATE INDEX "FindingTriage_at_idx" ON "FindingTriage"("at");

-- CreateIndex
CREATE UNIQUE INDEX "FindingCount_snapshotId_findingType_status_key" ON "FindingCount"("snapshotId", "findingType", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Trail_snapshotId_arn_key" ON "Trail"("snapshotId", "arn");

-- CreateIndex
CREATE INDEX "EventDailyCount_accountId_day_idx" ON "EventDailyCount"("accountId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "EventDailyCount_accountId_region_day_eventName_key" ON "EventDailyCount"("accountId", "region", "day", "eventName");

-- CreateIndex
CREATE INDEX "TrailEvent_accountId_eventTime_idx" ON "TrailEvent"("accountId", "eventTime");

-- CreateIndex
CREATE INDEX "TrailEvent_accountId_isRoot_eventTime_idx" ON "TrailEvent"("accountId", "isRoot", "eventTime");

-- CreateIndex
CREATE INDEX "TrailEvent_userName_idx" ON "TrailEvent"("userName");

-- CreateIndex
CREATE UNIQUE INDEX "CloudTrailCursor_accountId_region_lookup_key" ON "CloudTrailCursor"("accountId", "region", "lookup");

-- CreateIndex
CREATE INDEX "ChecklistRun_accountId_evaluatedAt_idx" ON "ChecklistRun"("accountId", "evaluatedAt");

-- CreateIndex
CREATE INDEX "ChecklistVerdict_slug_idx" ON "ChecklistVerdict"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "ChecklistVerdict_checklistRunId_slug_key" ON "ChecklistVerdict"("checklistRunId", "slug");

-- CreateIndex
CREATE INDEX "Review_status_signedAt_idx" ON "Review"("status", "signedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewAccount_reviewId_accountId_key" ON "ReviewAccount"("reviewId", "accountId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewDecision_reviewId_accountId_subject_key" ON "ReviewDecision"("reviewId", "accountId", "subject");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");
