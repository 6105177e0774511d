package mpageviz.ui.run;

/** A clock that calls back on the FX thread while playing; tests drive the model without one. */
public interface Ticker {
    void start(double hz, Runnable onTick);

    void stop();

    /** A ticker that never ticks (tests call the model's tick method themselves). */
    Ticker NONE = new Ticker() {
        @Override
        public void start(double hz, Runnable onTick) {
        }

        @Override
        public void stop() {
        }
    };
}
