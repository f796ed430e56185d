-- CreateEnum
CREATE TYPE "AgencyType" AS ENUM ('childrens_social_care', 'adult_social_care', 'police', 'health', 'education', 'probation', 'youth_justice', 'housing', 'local_authority', 'voluntary', 'other');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('practitioner', 'manager', 'senior_manager', 'director', 'board_business_manager', 'board_chair', 'partnership_admin');

-- CreateTable
CREATE TABLE "Partnership" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Partnership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agency" (
    "id" UUID NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "AgencyType" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deactivatedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "agencyId" UUID NOT NULL,
    "roles" "Role"[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Partnership_code_key" ON "Partnership"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Agency_partnershipId_name_key" ON "Agency"("partnershipId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Agency_partnershipId_id_key" ON "Agency"("partnershipId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Membership_partnershipId_idx" ON "Membership"("partnershipId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_partnershipId_key" ON "Membership"("userId", "partnershipId");

-- AddForeignKey
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_partnershipId_agencyId_fkey" FOREIGN KEY ("partnershipId", "agencyId") REFERENCES "Agency"("partnershipId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
