// @ts-check
// Imported first by the game process: when FAULTS_CLOCK_SKEW_MS is set, this process's clock is that far off
// (Date.now() and new Date()), like a player whose computer clock is wrong. Nothing else is touched.
const skew = Number(process.env.FAULTS_CLOCK_SKEW_MS ?? 0);

if (skew !== 0) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    /** @param {any[]} args */
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + skew);
      // @ts-expect-error the spread matches one of Date's constructor overloads
      else super(...args);
    }

    static now() {
      return RealDate.now() + skew;
    }
  }
  globalThis.Date = /** @type {DateConstructor} */ (ShiftedDate);
}
