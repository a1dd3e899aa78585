// Clock: the one seam for time. Wall time (timestamps stored and reported) and monotonic time
// (deadlines, politeness) both come from here so that schedulers, backoff and cache TTLs are
// plain logic testable with FakeClock, which never sleeps.
// Thread-safety: RealClock is stateless; FakeClock is safe to read and advance from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

namespace sightline {

using SteadyTime = std::chrono::steady_clock::time_point;
using WallTime = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual SteadyTime SteadyNow() const = 0;
  virtual WallTime WallNow() const = 0;
};

class RealClock final : public Clock {
 public:
  SteadyTime SteadyNow() const override { return std::chrono::steady_clock::now(); }
  WallTime WallNow() const override { return std::chrono::system_clock::now(); }
};

// A process-wide RealClock for options structs' defaults.
const Clock& DefaultClock();

class FakeClock final : public Clock {
 public:
  explicit FakeClock(WallTime wall_start = WallTime(std::chrono::seconds(1'700'000'000)))
      : offset_ns_(0), wall_start_(wall_start) {}

  SteadyTime SteadyNow() const override { return SteadyTime(Elapsed()); }
  WallTime WallNow() const override {
    return wall_start_ + std::chrono::duration_cast<WallTime::duration>(Elapsed());
  }
  void Advance(std::chrono::nanoseconds by) { offset_ns_ += by.count(); }

 private:
  std::chrono::nanoseconds Elapsed() const { return std::chrono::nanoseconds(offset_ns_.load()); }
  std::atomic<long long> offset_ns_;
  WallTime wall_start_;
};

// "2026-11-24T20:02:35Z": the one timestamp format sightline stores and prints.
std::string FormatIso8601(WallTime t);
// Years a WallTime can hold: system_clock counts nanoseconds in 64 bits, i.e. about
// 1677-09-21 .. 2262-04-11; whole years inside that span are accepted.
inline constexpr int kMinIso8601Year = 1678;
inline constexpr int kMaxIso8601Year = 2261;
// Accepts exactly "YYYY-MM-DDTHH:MM:SSZ" (second 60 allowed for a leap second) and
// "YYYY-MM-DD" with years kMinIso8601Year..kMaxIso8601Year; false when malformed, out of
// range or not a calendar date (no signs, spaces or missing digits).
bool ParseIso8601(const std::string& text, WallTime* out);

}  // namespace sightline
