-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "access" TEXT NOT NULL,
    "roleArn" TEXT,
    "externalId" TEXT,
    "isOwn" BOOLEAN NOT NULL DEFAULT true,
    "regions" JSONB NOT NULL,
    "enabledRegions" JSONB,
    "regionDiscovery" JSONB,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "managedBy" TEXT NOT NULL DEFAULT 'config',
    "organizationId" TEXT,
    "ouId" TEXT,
    "ouPath" TEXT,
    "orgStatus" TEXT,
    "orgSeenAt" TIMESTAMP(3),
    "exclusion" TEXT,
    "lastReachError" TEXT,
    "addedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "actor" TEXT,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "apiCalls" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncSourceRun" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "apiCalls" INTEGER NOT NULL DEFAULT 0,
    "records" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "errorCode" TEXT,
    "missingPermissions" JSONB NOT NULL DEFAULT '[]',
    "snapshotId" TEXT,

    CONSTRAINT "SyncSourceRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Snapshot" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "runId" TEXT,
    "takenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "meta" JSONB NOT NULL DEFAULT '{}',
    "missingPermissions" JSONB NOT NULL DEFAULT '[]',
    "current" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncLock" (
    "accountId" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "acquiredAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncLock_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "CredentialReportEntry" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "isRoot" BOOLEAN NOT NULL,
    "user" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "userCreationTime" TIMESTAMP(3) NOT NULL,
    "passwordEnabled" BOOLEAN,
    "passwordEnabledSentinel" TEXT,
    "passwordLastUsed" TIMESTAMP(3),
    "passwordLastUsedSentinel" TEXT,
    "passwordLastChanged" TIMESTAMP(3),
    "passwordLastChangedSentinel" TEXT,
    "passwordNextRotation" TIMESTAMP(3),
    "passwordNextRotationSentinel" TEXT,
    "mfaActive" BOOLEAN NOT NULL,
    "accessKey1Active" BOOLEAN NOT NULL,
    "accessKey1LastRotated" TIMESTAMP(3),
    "accessKey1LastRotatedSentinel" TEXT,
    "accessKey1LastUsedDate" TIMESTAMP(3),
    "accessKey1LastUsedDateSentinel" TEXT,
    "accessKey1LastUsedRegion" TEXT,
    "accessKey1LastUsedRegionSentinel" TEXT,
    "accessKey1LastUsedService" TEXT,
    "accessKey1LastUsedServiceSentinel" TEXT,
    "accessKey2Active" BOOLEAN NOT NULL,
    "accessKey2LastRotated" TIMESTAMP(3),
    "accessKey2LastRotatedSentinel" TEXT,
    "accessKey2LastUsedDate" TIMESTAMP(3),
    "accessKey2LastUsedDateSentinel" TEXT,
    "accessKey2LastUsedRegion" TEXT,
    "accessKey2LastUsedRegionSentinel" TEXT,
    "accessKey2LastUsedService" TEXT,
    "accessKey2LastUsedServiceSentinel" TEXT,
    "cert1Active" BOOLEAN NOT NULL,
    "cert1LastRotated" TIMESTAMP(3),
    "cert1LastRotatedSentinel" TEXT,
    "cert2Active" BOOLEAN NOT NULL,
    "cert2LastRotated" TIMESTAMP(3),
    "cert2LastRotatedSentinel" TEXT,

    CONSTRAINT "CredentialReportEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IamUser" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "createDate" TIMESTAMP(3) NOT NULL,
    "permissionsBoundaryArn" TEXT,
    "groups" JSONB NOT NULL,
    "attachedPolicyArns" JSONB NOT NULL,
    "inlinePolicies" JSONB NOT NULL,
    "tags" JSONB NOT NULL,

    CONSTRAINT "IamUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IamGroup" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "createDate" TIMESTAMP(3) NOT NULL,
    "attachedPolicyArns" JSONB NOT NULL,
    "inlinePolicies" JSONB NOT NULL,

    CONSTRAINT "IamGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IamRole" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "roleId" TEXT NOT NULL,
    "roleName" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "createDate" TIMESTAMP(3) NOT NULL,
    "trustPolicy" TEXT NOT NULL,
    "maxSessionDuration" INTEGER,
    "permissionsBoundaryArn" TEXT,
    "attachedPolicyArns" JSONB NOT NULL,
    "inlinePolicies" JSONB NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "lastUsedRegion" TEXT,
    "tags" JSONB NOT NULL,

    CONSTRAINT "IamRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IamPolicy" (
    "id" TEXT NOT NULL,
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

    CONSTRAINT "IamPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MfaDevice" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "userName" TEXT,
    "userArn" TEXT,
    "isVirtual" BOOLEAN NOT NULL,
    "isRoot" BOOLEAN NOT NULL,
    "enableDate" TIMESTAMP(3),

    CONSTRAINT "MfaDevice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordPolicy" (
    "snapshotId" TEXT NOT NULL,
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

    CONSTRAINT "PasswordPolicy_pkey" PRIMARY KEY ("snapshotId")
);

-- CreateTable
CREATE TABLE "AccountSummary" (
    "snapshotId" TEXT NOT NULL,
    "accountMfaEnabled" BOOLEAN NOT NULL,
    "accountAccessKeysPresent" BOOLEAN NOT NULL,
    "users" INTEGER NOT NULL,
    "roles" INTEGER NOT NULL,
    "groups" INTEGER NOT NULL,
    "policies" INTEGER NOT NULL,
    "mfaDevices" INTEGER NOT NULL,
    "mfaDevicesInUse" INTEGER NOT NULL,
    "summaryMap" JSONB NOT NULL,

    CONSTRAINT "AccountSummary_pkey" PRIMARY KEY ("snapshotId")
);

-- CreateTable
CREATE TABLE "OrganizationState" (
    "snapshotId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "message" TEXT,

    CONSTRAINT "OrganizationState_pkey" PRIMARY KEY ("snapshotId")
);

-- CreateTable
CREATE TABLE "ServiceControlPolicy" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "description" TEXT,
    "awsManaged" BOOLEAN NOT NULL,
    "attachment" JSONB,

    CONSTRAINT "ServiceControlPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Analyzer" (
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Analyzer_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "Finding" (
    "key" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "analyzerArn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "findingType" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "resourceOwnerAccount" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "analyzedAt" TIMESTAMP(3) NOT NULL,
    "error" TEXT,
    "details" JSONB,
    "detailsFetchedAt" TIMESTAMP(3),
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "archiveExpiresAt" TIMESTAMP(3),
    "duplicateOf" TEXT,

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "FindingTriage" (
    "id" TEXT NOT NULL,
    "findingKey" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" TEXT NOT NULL,
    "toStatus" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "FindingTriage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingCount" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "findingType" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "FindingCount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Trail" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "homeRegion" TEXT NOT NULL,
    "isMultiRegion" BOOLEAN NOT NULL,
    "isOrganizationTrail" BOOLEAN NOT NULL,
    "logFileValidation" BOOLEAN NOT NULL,
    "isLogging" BOOLEAN,
    "latestDeliveryTime" TIMESTAMP(3),
    "latestDeliveryError" TEXT,
    "s3BucketName" TEXT,
    "statusError" TEXT,
    "managementEvents" JSONB,
    "selectorsError" TEXT,

    CONSTRAINT "Trail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventDailyCount" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "EventDailyCount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrailEvent" (
    "eventId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "eventTime" TIMESTAMP(3) NOT NULL,
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
    "userAccountId" TEXT,
    "targetRoleArn" TEXT,

    CONSTRAINT "TrailEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "CloudTrailCursor" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "lookup" TEXT NOT NULL,
    "lastEventTime" TIMESTAMP(3) NOT NULL,
    "lastEventIds" JSONB NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CloudTrailCursor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChecklistRun" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "runId" TEXT,
    "evaluatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "passed" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "unknown" INTEGER NOT NULL,
    "notApplicable" INTEGER NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT false,
    "verdictMap" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "ChecklistRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChecklistVerdict" (
    "id" TEXT NOT NULL,
    "checklistRunId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "verdict" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "remedy" JSONB NOT NULL,
    "references" JSONB NOT NULL,
    "thresholds" JSONB NOT NULL,
    "missingPermissions" JSONB NOT NULL DEFAULT '[]',
    "since" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChecklistVerdict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attendees" JSONB NOT NULL DEFAULT '[]',
    "signedBy" TEXT,
    "signedAt" TIMESTAMP(3),
    "notes" TEXT,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewAccount" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "baselineSnapshotId" TEXT,

    CONSTRAINT "ReviewAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewDecision" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "reasons" JSONB NOT NULL,
    "decision" TEXT,
    "justification" TEXT,
    "owner" TEXT,
    "dueDate" TIMESTAMP(3),
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "carriedFromId" TEXT,

    CONSTRAINT "ReviewDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "username" TEXT,
    "issuer" TEXT,
    "subject" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastSignInAt" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedBy" TEXT,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "username" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OidcLogin" (
    "state" TEXT NOT NULL,
    "codeVerifier" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "returnTo" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OidcLogin_pkey" PRIMARY KEY ("state")
);

-- CreateTable
CREATE TABLE "SetupToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SetupToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Account_ouPath_idx" ON "Account"("ouPath");

-- CreateIndex
CREATE INDEX "SyncRun_startedAt_idx" ON "SyncRun"("startedAt");

-- CreateIndex
CREATE INDEX "SyncSourceRun_accountId_source_finishedAt_idx" ON "SyncSourceRun"("accountId", "source", "finishedAt");

-- CreateIndex
CREATE INDEX "SyncSourceRun_accountId_source_startedAt_idx" ON "SyncSourceRun"("accountId", "source", "startedAt");

-- CreateIndex
CREATE INDEX "SyncSourceRun_accountId_source_status_finishedAt_idx" ON "SyncSourceRun"("accountId", "source", "status", "finishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SyncSourceRun_runId_accountId_source_key" ON "SyncSourceRun"("runId", "accountId", "source");

-- CreateIndex
CREATE INDEX "Snapshot_accountId_source_takenAt_idx" ON "Snapshot"("accountId", "source", "takenAt");

-- CreateIndex
CREATE INDEX "Snapshot_source_current_idx" ON "Snapshot"("source", "current");

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
CREATE INDEX "Finding_duplicateOf_idx" ON "Finding"("duplicateOf");

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
CREATE INDEX "ChecklistRun_current_accountId_idx" ON "ChecklistRun"("current", "accountId");

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

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE UNIQUE INDEX "User_issuer_subject_key" ON "User"("issuer", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_createdAt_idx" ON "ApiToken"("createdAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_username_at_idx" ON "SignInAttempt"("username", "at");

-- CreateIndex
CREATE INDEX "SignInAttempt_ip_at_idx" ON "SignInAttempt"("ip", "at");

-- CreateIndex
CREATE UNIQUE INDEX "SetupToken_tokenHash_key" ON "SetupToken"("tokenHash");

-- AddForeignKey
ALTER TABLE "SyncSourceRun" ADD CONSTRAINT "SyncSourceRun_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncSourceRun" ADD CONSTRAINT "SyncSourceRun_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncLock" ADD CONSTRAINT "SyncLock_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CredentialReportEntry" ADD CONSTRAINT "CredentialReportEntry_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamUser" ADD CONSTRAINT "IamUser_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamGroup" ADD CONSTRAINT "IamGroup_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamRole" ADD CONSTRAINT "IamRole_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamPolicy" ADD CONSTRAINT "IamPolicy_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MfaDevice" ADD CONSTRAINT "MfaDevice_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordPolicy" ADD CONSTRAINT "PasswordPolicy_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountSummary" ADD CONSTRAINT "AccountSummary_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationState" ADD CONSTRAINT "OrganizationState_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceControlPolicy" ADD CONSTRAINT "ServiceControlPolicy_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Analyzer" ADD CONSTRAINT "Analyzer_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_analyzerArn_fkey" FOREIGN KEY ("analyzerArn") REFERENCES "Analyzer"("arn") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingTriage" ADD CONSTRAINT "FindingTriage_findingKey_fkey" FOREIGN KEY ("findingKey") REFERENCES "Finding"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingCount" ADD CONSTRAINT "FindingCount_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Trail" ADD CONSTRAINT "Trail_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventDailyCount" ADD CONSTRAINT "EventDailyCount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrailEvent" ADD CONSTRAINT "TrailEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CloudTrailCursor" ADD CONSTRAINT "CloudTrailCursor_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChecklistRun" ADD CONSTRAINT "ChecklistRun_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChecklistVerdict" ADD CONSTRAINT "ChecklistVerdict_checklistRunId_fkey" FOREIGN KEY ("checklistRunId") REFERENCES "ChecklistRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAccount" ADD CONSTRAINT "ReviewAccount_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAccount" ADD CONSTRAINT "ReviewAccount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAccount" ADD CONSTRAINT "ReviewAccount_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAccount" ADD CONSTRAINT "ReviewAccount_baselineSnapshotId_fkey" FOREIGN KEY ("baselineSnapshotId") REFERENCES "Snapshot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
