"""Independent reference for KswinTest: KSWIN (Raab et al. 2020) over the same streams, with the same
seeded sampling (SplitMix64, partial Fisher-Yates), but SciPy's ks_2samp(method="exact") for the test.
Run: python3 kswin_reference.py  (needs scipy). Prints the detection indices that KswinTest pins."""
from scipy import stats

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next_long(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def next_int(self, bound):
        while True:
            bits = self.next_long() >> 33
            value = bits % bound
            if bits - value + (bound - 1) < (1 << 31):
                return value

    def next_double(self):
        return (self.next_long() >> 11) * (1.0 / (1 << 53))


def kswin(values, alpha=0.005, window_size=100, stat_size=30, seed=42):
    rng = SplitMix64(seed)
    window, detections, detected = [], [], False
    for index, x in enumerate(values):
        if detected:
            window = window[-stat_size:]
        window.append(x)
        if len(window) > window_size:
            window.pop(0)
        detected = False
        if len(window) < window_size:
            continue
        older = list(range(window_size - stat_size))
        sample = []
        for i in range(stat_size):
            pick = i + rng.next_int(len(older) - i)
            older[pick], older[i] = older[i], older[pick]
            sample.append(window[older[i]])
        newest = window[window_size - stat_size:]
        d, p = stats.ks_2samp(sample, newest, method="exact")
        if p <= alpha and d > 0.1:
            detected = True
            detections.append(index)
    return detections


def uniform_shift(seed, length, change_at, shift):
    rng = SplitMix64(seed)
    return [rng.next_double() + (shift if i >= change_at else 0.0) for i in range(length)]


def bernoulli(seed, length, change_at, before, after):
    rng = SplitMix64(seed)
    return [1.0 if rng.next_double() < (before if i < change_at else after) else 0.0 for i in range(length)]


if __name__ == "__main__":
    print("uniform +0.4 at 600, defaults:", kswin(uniform_shift(2024, 1200, 600, 0.4)))
    print("bernoulli 0.2 -> 0.6 at 500, defaults:", kswin(bernoulli(7, 1000, 500, 0.2, 0.6)))
    print("uniform stationary 3000, defaults:", kswin(uniform_shift(99, 3000, 3000, 0.0)))
    print("uniform +0.25 at 1000, alpha 0.01 window 200 stat 50 seed 7:",
          kswin(uniform_shift(5, 2000, 1000, 0.25), alpha=0.01, window_size=200, stat_size=50, seed=7))
    for n, h in [(30, 1), (30, 5), (30, 9), (30, 15), (30, 30), (50, 12), (100, 20)]:
        p = stats.ks_2samp(list(range(n)), [x + h for x in range(n)], method="exact").pvalue
        print(f"p(n={n}, h={h}) = {p!r}")
