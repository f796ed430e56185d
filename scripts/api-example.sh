#!/usr/bin/env bash
# The worked example of docs/api.md: raise, escalate and resolve a Torbay dispute
# through the JSON API with curl and jq, as the demo users.
#   BASE=http://localhost:3000 bash scripts/api-example.sh
set -euo pipefail
BASE=${BASE:-http://localhost:3000}

# Sign in with next-auth's credentials flow, keeping the cookies in a jar.
sign_in() { # email jar
  local csrf
  csrf=$(curl -s -c "$2" -b "$2" "$BASE/api/auth/csrf" | jq -r .csrfToken)   # also sets the parley-csrf cookie
  curl -s -c "$2" -b "$2" -o /dev/null -X POST "$BASE/api/auth/callback/credentials" \
    -H "X-CSRF-Token: $(csrf_cookie "$2")" \
    --data-urlencode "csrfToken=$csrf" --data-urlencode "email=$1" --data-urlencode "password=parley-demo-password"
}
csrf_cookie() { awk '$6 == "parley-csrf" { print $7 }' "$1"; }
# Call the API as the user in a jar; state-changing requests send the parley-csrf cookie back as X-CSRF-Token.
api() { # jar, then curl arguments
  local jar=$1; shift
  curl -s -b "$jar" -H "X-CSRF-Token: $(csrf_cookie "$jar")" -H "Content-Type: application/json" "$@"
}

TEACHER=$(mktemp); sign_in teacher@torbay.example "$TEACHER"

# 1. Find children's social care among Torbay's agencies.
CSC=$(api "$TEACHER" "$BASE/api/v1/agencies?partnership=torbay" | jq -r '.items[] | select(.type == "childrens_social_care") | .id')

# 2. Raise the disagreement.
RAISED=$(api "$TEACHER" -X POST "$BASE/api/v1/escalations?partnership=torbay" -d @- <<JSON
{
  "respondingAgencyId": "$CSC",
  "respondingPerson": "Sam Riley, social worker",
  "subjects": [{ "kind": "child", "initials": "JS", "yearOfBirth": 2016, "caseReferences": [] }],
  "areas": ["levels-of-need"],
  "decisionDisputed": "The referral was closed with no further action.",
  "whyUnsafe": "The child has twice said they were left alone overnight.",
  "evidenceSummary": "Two disclosures on the school's safeguarding log.",
  "outcomeSought": "A child and family assessment.",
  "immediateRisk": false
}
JSON
)
echo "$RAISED" | jq '{reference, version}'
ID=$(echo "$RAISED" | jq -r .id)
V=$(echo "$RAISED" | jq -r .version)

# 3. Stage 1 needs a record of discussion before it can be escalated.
V=$(api "$TEACHER" -X POST "$BASE/api/v1/escalations/$ID/discussions" \
  -d "{\"expectedVersion\": $V, \"with\": \"Sam Riley\", \"how\": \"phone\", \"occurredAt\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\", \"said\": \"We could not agree.\"}" \
  | jq -r .version)

# 4. Escalate to stage 2 (manager to manager).
V=$(api "$TEACHER" -X POST "$BASE/api/v1/escalations/$ID/escalate" \
  -d "{\"expectedVersion\": $V, \"reason\": \"No agreement at stage 1.\"}" | jq -r .version)
api "$TEACHER" "$BASE/api/v1/escalations/$ID" \
  | jq '{stage: .escalation.stage.title, due: .escalation.nextDue.text, iMayNow: [.availableActions[].action]}'

# 5. The school's manager resolves it at stage 2, with an agreed action.
MANAGER=$(mktemp); sign_in school-manager@torbay.example "$MANAGER"
api "$MANAGER" -X POST "$BASE/api/v1/escalations/$ID/resolve" -d @- <<JSON | jq '{version, events: [.events[].type]}'
{
  "expectedVersion": $V,
  "outcome": "Children's social care will carry out a child and family assessment.",
  "actions": [{ "description": "Start the assessment", "ownerName": "Grace Adeyemi", "dueDate": "$(date -d '+7 days' +%Y-%m-%d)" }],
  "confirmations": {
    "raising": { "method": "email", "confirmedBy": "Tom Okafor" },
    "responding": { "method": "email", "confirmedBy": "Grace Adeyemi" }
  }
}
JSON
api "$MANAGER" "$BASE/api/v1/escalations/$ID" | jq '{status: .escalation.status, history: [.history[] | "\(.at) \(.actor.name): \(.type)"]}'
