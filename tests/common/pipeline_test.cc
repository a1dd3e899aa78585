// RunPipelined: items arrive in order and bounded in number, and errors end both stages as
// running them in turn would.
#include "common/pipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <future>
#include <new>
#include <stdexcept>
#include <vector>

#include "tests/support/bounded_run.h"

namespace sightline {
namespace {

// Runs `run` on another thread; a hang fails the test (and ends the process, since a hung
// pipeline cannot be abandoned safely) instead of stalling the suite.
Status Bounded(const std::function<Status()>& run) {
  std::future<Status> done = std::async(std::launch::async, run);
  if (!testing::WaitFor(done, std::chrono::seconds(20), "RunPipelined")) std::abort();
  return done.get();
}

TEST(RunPipelined, EveryItemArrivesInOrder) {
  std::vector<int> got;
  Status s = Bounded([&] {
    return RunPipelined<int>(
        3,
        [](const Emit<int>& emit) -> Status {
          for (int i = 0; i < 1000; ++i) {
            if (Status e = emit(i); !e) return e;
          }
          return Ok();
        },
        [&](int i) -> Status {
          got.push_back(i);
          return Ok();
        });
  });
  ASSERT_TRUE(s) << s.error().ToString();
  ASSERT_EQ(got.size(), 1000u);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(got[static_cast<size_t>(i)], i);
}

TEST(RunPipelined, TheProducerStaysWithinCapacityOfTheConsumer) {
  std::atomic<int> emitted{0};
  std::atomic<int> most_ahead{0};
  int consumed = 0;
  Status s = Bounded([&] {
    return RunPipelined<int>(
        4,
        [&](const Emit<int>& emit) -> Status {
          for (int i = 0; i < 200; ++i) {
            if (Status e = emit(i); !e) return e;
            ++emitted;
          }
          return Ok();
        },
        [&](int) -> Status {
          // Emitted but not yet consumed: the queue (4) plus the item being handed over.
          most_ahead = std::max(most_ahead.load(), emitted.load() - consumed);
          std::this_thread::sleep_for(std::chrono::microseconds(200));
          ++consumed;
          return Ok();
        });
  });
  ASSERT_TRUE(s);
  EXPECT_EQ(consumed, 200);
  EXPECT_LE(most_ahead.load(), 5);
}

TEST(RunPipelined, AConsumerErrorStopsTheProducerAndIsReturned) {
  std::atomic<bool> producer_saw_cancel{false};
  int consumed = 0;
  Status s = Bounded([&] {
    return RunPipelined<int>(
        2,
        [&](const Emit<int>& emit) -> Status {
          for (int i = 0;; ++i) {  // would never end by itself
            if (Status e = emit(i); !e) {
              producer_saw_cancel = e.error().code == ErrorCode::kCancelled;
              return e;
            }
          }
        },
        [&](int i) -> Status {
          ++consumed;
          if (i == 10) return Fail(ErrorCode::kIo, "disk full");
          return Ok();
        });
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kIo);
  EXPECT_EQ(s.error().message, "disk full");
  EXPECT_EQ(consumed, 11);
  EXPECT_TRUE(producer_saw_cancel);
}

TEST(RunPipelined, AProducerErrorComesAfterEverythingItEmitted) {
  std::vector<int> got;
  Status s = Bounded([&] {
    return RunPipelined<int>(
        8,
        [](const Emit<int>& emit) -> Status {
          for (int i = 0; i < 5; ++i) {
            if (Status e = emit(i); !e) return e;
          }
          return Fail(ErrorCode::kCorrupt, "row 5 unreadable");
        },
        [&](int i) -> Status {
          got.push_back(i);
          return Ok();
        });
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(got, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(RunPipelined, ExceptionsReachTheCallerWithoutLeavingAThreadBehind) {
  std::atomic<bool> producer_ended{false};
  bool caught = false;
  (void)Bounded([&]() -> Status {
    try {
      (void)RunPipelined<int>(
          1,
          [&](const Emit<int>& emit) -> Status {
            for (int i = 0;; ++i) {  // blocks on a full queue once the consumer throws
              if (Status e = emit(i); !e) {
                producer_ended = true;
                return e;
              }
            }
          },
          [](int i) -> Status {
            if (i == 3) throw std::runtime_error("consumer failed");
            return Ok();
          });
    } catch (const std::runtime_error&) {
      caught = true;
    }
    return Ok();
  });
  EXPECT_TRUE(caught);
  EXPECT_TRUE(producer_ended) << "joined before the exception left RunPipelined";

  std::vector<int> got;
  bool rethrown = false;
  (void)Bounded([&]() -> Status {
    try {
      (void)RunPipelined<int>(
          4,
          [](const Emit<int>& emit) -> Status {
            (void)emit(1);
            throw std::bad_alloc();
          },
          [&](int i) -> Status {
            got.push_back(i);
            return Ok();
          });
    } catch (const std::bad_alloc&) {
      rethrown = true;
    }
    return Ok();
  });
  EXPECT_TRUE(rethrown) << "a producer's exception is rethrown on the calling thread";
  EXPECT_EQ(got, std::vector<int>{1});
}

TEST(RunPipelined, NothingProducedIsFine) {
  int consumed = 0;
  Status s = Bounded([&] {
    return RunPipelined<int>(
        0, [](const Emit<int>&) -> Status { return Ok(); },
        [&](int) -> Status {
          ++consumed;
          return Ok();
        });
  });
  EXPECT_TRUE(s);
  EXPECT_EQ(consumed, 0);
}

}  // namespace
}  // namespace sightline
