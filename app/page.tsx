export default function HomePage() {
  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">Parley</h1>
      <p className="mb-4 max-w-2xl text-lg">
        Parley helps practitioners, managers and safeguarding partnerships resolve professional disagreements about a child&apos;s or adult&apos;s safety,
        following their partnership&apos;s escalation policy.
      </p>
      <p className="max-w-2xl">
        Each disagreement climbs the stages of your partnership&apos;s policy, with the deadlines it sets counted in working days, and a full record of who did
        what and when.
      </p>
    </>
  );
}
