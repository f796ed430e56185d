-- CreateEnum
CREATE TYPE "EscalationStatus" AS ENUM ('open', 'resolved', 'withdrawn');

-- CreateEnum
CREATE TYPE "Side" AS ENUM ('raising', 'responding');

-- CreateEnum
CREATE TYPE "ParticipantRole" AS ENUM ('raiser', 'responder', 'owner');

-- CreateTable
CREATE TABLE "Escalation" (
    "id" UUID NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "policyVersion" TEXT NOT NULL,
    "routeId" TEXT NOT NULL,
    "status" "EscalationStatus" NOT NULL DEFAULT 'open',
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL,
    "raisedById" UUID NOT NULL,
    "raisingAgencyId" UUID NOT NULL,
    "respondingAgencyId" UUID NOT NULL,
    "respondingPerson" TEXT NOT NULL,
    "subjects" JSONB NOT NULL,
    "areas" TEXT[],
    "areaOther" TEXT,
    "decisionDisputed" TEXT NOT NULL,
    "whyUnsafe" TEXT NOT NULL,
    "evidenceSummary" TEXT NOT NULL,
    "outcomeSought" TEXT NOT NULL,
    "timescaleSought" TEXT,
    "immediateRisk" BOOLEAN NOT NULL,
    "immediateRiskNote" TEXT,
    "stageKey" TEXT NOT NULL,
    "stageNumber" INTEGER,
    "stageEnteredAt" TIMESTAMPTZ(3) NOT NULL,
    "raisingOwnerId" UUID,
    "respondingOwnerId" UUID,
    "nextDueAt" TIMESTAMPTZ(3),
    "outcome" TEXT,
    "closedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationEvent" (
    "id" UUID NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "escalationId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorId" UUID NOT NULL,
    "stageKey" TEXT NOT NULL,
    "policyVersion" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "correctsId" UUID,

    CONSTRAINT "EscalationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationDeadline" (
    "id" UUID NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "escalationId" UUID NOT NULL,
    "stageKey" TEXT NOT NULL,
    "deadlineId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3),
    "decidesOverdue" BOOLEAN NOT NULL,
    "rule" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "warnings" TEXT[],
    "cite" TEXT NOT NULL,

    CONSTRAINT "EscalationDeadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationParticipant" (
    "id" UUID NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "escalationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "ParticipantRole" NOT NULL,
    "side" "Side" NOT NULL,
    "stageKey" TEXT NOT NULL DEFAULT '',
    "current" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "EscalationParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreedAction" (
    "id" UUID NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "escalationId" UUID NOT NULL,
    "description" TEXT NOT NULL,
    "ownerName" TEXT NOT NULL,
    "ownerUserId" UUID,
    "ownerAgencyId" UUID,
    "dueDate" DATE NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL,
    "doneAt" TIMESTAMPTZ(3),

    CONSTRAINT "AgreedAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferenceCounter" (
    "partnershipId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "ReferenceCounter_pkey" PRIMARY KEY ("partnershipId","year")
);

-- CreateIndex
CREATE INDEX "Escalation_partnershipId_status_nextDueAt_idx" ON "Escalation"("partnershipId", "status", "nextDueAt");

-- CreateIndex
CREATE INDEX "Escalation_partnershipId_stageNumber_idx" ON "Escalation"("partnershipId", "stageNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_partnershipId_reference_key" ON "Escalation"("partnershipId", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_partnershipId_id_key" ON "Escalation"("partnershipId", "id");

-- CreateIndex
CREATE INDEX "EscalationEvent_partnershipId_at_idx" ON "EscalationEvent"("partnershipId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "EscalationEvent_escalationId_sequence_key" ON "EscalationEvent"("escalationId", "sequence");

-- CreateIndex
CREATE INDEX "EscalationDeadline_partnershipId_dueAt_idx" ON "EscalationDeadline"("partnershipId", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "EscalationDeadline_escalationId_deadlineId_key" ON "EscalationDeadline"("escalationId", "deadlineId");

-- CreateIndex
CREATE INDEX "EscalationParticipant_partnershipId_userId_current_idx" ON "EscalationParticipant"("partnershipId", "userId", "current");

-- CreateIndex
CREATE UNIQUE INDEX "EscalationParticipant_escalationId_userId_role_side_stageKe_key" ON "EscalationParticipant"("escalationId", "userId", "role", "side", "stageKey");

-- CreateIndex
CREATE INDEX "AgreedAction_partnershipId_escalationId_idx" ON "AgreedAction"("partnershipId", "escalationId");

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_partnershipId_raisingAgencyId_fkey" FOREIGN KEY ("partnershipId", "raisingAgencyId") REFERENCES "Agency"("partnershipId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_partnershipId_respondingAgencyId_fkey" FOREIGN KEY ("partnershipId", "respondingAgencyId") REFERENCES "Agency"("partnershipId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_raisingOwnerId_fkey" FOREIGN KEY ("raisingOwnerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_respondingOwnerId_fkey" FOREIGN KEY ("respondingOwnerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationEvent" ADD CONSTRAINT "EscalationEvent_partnershipId_escalationId_fkey" FOREIGN KEY ("partnershipId", "escalationId") REFERENCES "Escalation"("partnershipId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationEvent" ADD CONSTRAINT "EscalationEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationDeadline" ADD CONSTRAINT "EscalationDeadline_partnershipId_escalationId_fkey" FOREIGN KEY ("partnershipId", "escalationId") REFERENCES "Escalation"("partnershipId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationParticipant" ADD CONSTRAINT "EscalationParticipant_partnershipId_escalationId_fkey" FOREIGN KEY ("partnershipId", "escalationId") REFERENCES "Escalation"("partnershipId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationParticipant" ADD CONSTRAINT "EscalationParticipant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreedAction" ADD CONSTRAINT "AgreedAction_partnershipId_escalationId_fkey" FOREIGN KEY ("partnershipId", "escalationId") REFERENCES "Escalation"("partnershipId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
