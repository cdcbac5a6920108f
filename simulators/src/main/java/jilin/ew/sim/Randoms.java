package jilin.ew.sim;

import java.util.List;
import java.util.SplittableRandom;

/** The random draws the simulators share; each simulator's byte-identical output depends on their exact order. */
final class Randoms {
    private Randoms() {}

    /** Clipped standard normal (Box-Muller with StrictMath, so every JVM gives the same numbers). */
    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        double g = StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
        return Math.max(-2.5, Math.min(2.5, g));
    }

    /** Fisher-Yates from the end. */
    static <T> void shuffle(List<T> list, SplittableRandom rnd) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
