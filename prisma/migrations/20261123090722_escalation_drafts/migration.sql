-- CreateTable
CREATE TABLE "EscalationDraft" (
    "id" UUID NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EscalationDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EscalationDraft_partnershipId_userId_key" ON "EscalationDraft"("partnershipId", "userId");

-- AddForeignKey
ALTER TABLE "EscalationDraft" ADD CONSTRAINT "EscalationDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand: a draft is visible only to its author, in their partnership.
ALTER TABLE "EscalationDraft" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "EscalationDraft" FORCE ROW LEVEL SECURITY;
CREATE POLICY author_only ON "EscalationDraft"
  USING (parley_in_scope("partnershipId") AND ("userId" = parley_current_user() OR current_setting('parley.system', true) = 'on'))
  WITH CHECK (parley_in_scope("partnershipId") AND ("userId" = parley_current_user() OR current_setting('parley.system', true) = 'on'));
