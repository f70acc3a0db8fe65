package io.tidewise.training.optim;

/**
 * Linear warm-up to the peak rate, then cosine decay to the final rate at the last step. A pure function of the
 * step, so a resumed run follows exactly the schedule of an uninterrupted one.
 *
 * @param peak        rate reached at the end of warm-up
 * @param finalRate   rate at the last step; below {@code peak}
 * @param warmUpSteps steps of linear warm-up from peak / warmUpSteps
 * @param totalSteps  all steps of the run
 */
public record LearningRateSchedule(float peak, float finalRate, int warmUpSteps, int totalSteps) {

    public LearningRateSchedule {
        if (!(peak > 0)) {
            throw new IllegalArgumentException("peak learning rate must be positive, was " + peak);
        }
        if (!(finalRate >= 0 && finalRate <= peak)) {
            throw new IllegalArgumentException("final learning rate must lie in [0, peak " + peak + "], was " + finalRate);
        }
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("steps must be positive, was " + totalSteps);
        }
        if (warmUpSteps < 0 || warmUpSteps >= totalSteps) {
            throw new IllegalArgumentException("warm-up steps must lie in [0, steps " + totalSteps + "), was "
                    + warmUpSteps);
        }
    }

    /** The rate for 0-based {@code step}. */
    public float at(int step) {
        if (step < warmUpSteps) {
            return peak * (step + 1) / warmUpSteps;
        }
        double progress = (double) (step - warmUpSteps) / Math.max(1, totalSteps - warmUpSteps - 1);
        progress = Math.min(1, progress);
        return (float) (finalRate + 0.5 * (peak - finalRate) * (1 + Math.cos(Math.PI * progress)));
    }
}
