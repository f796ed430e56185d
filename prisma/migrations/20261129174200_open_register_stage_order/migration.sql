-- Written by hand: a partial index, which prisma/schema.prisma cannot express
-- (see 20261129114548_scale_indexes). The register's open disputes in the order
-- they reached their stage, oldest first ("what has been stuck longest"): the
-- full (partnershipId, onRegister, stageEnteredAt, id) index walks past every
-- closed dispute first (41,491 rows at 1,000,000 disputes, 190 ms); this one
-- holds only the open ones on the register (0.08 ms). Under row-level security
-- an enum comparison is never an index condition, but a partial index's
-- predicate is proved when the query is planned.
CREATE INDEX "Escalation_open_register_stage_idx" ON "Escalation"("partnershipId", "stageEnteredAt", "id") WHERE "status" = 'open' AND "onRegister";
