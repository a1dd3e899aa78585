// AuditStore write throughput: pages per second through RecordPage + Flush (batched
// transactions, zstd snapshots stored once per content hash) into a real SQLite file in a temp
// directory. Run: build/release/bench/storage_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <random>
#include <string>

#include "storage/audit_store.h"

namespace {

using sightline::storage::AuditStore;

class TempDb {
 public:
  TempDb() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sightline-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) dir_ = pattern;
  }
  ~TempDb() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  std::string path() const { return (dir_ / "bench.db").string(); }

 private:
  std::filesystem::path dir_;
};

// HTML-like text of about `size` bytes, different for every `seed`.
std::string Body(size_t size, uint64_t seed) {
  static const char* kWords[] = {"patient", "clinic",  "the",   "with",      "pain",
                                 "week",    "doctor",  "after", "treatment", "and",
                                 "family",  "surgery", "blog",  "visit",     "of"};
  std::mt19937_64 rng(seed);
  std::string body = "<html><head><title>Post " + std::to_string(seed) + "</title></head><body>";
  while (body.size() < size) {
    body += "<p>";
    for (int i = 0; i < 12; ++i) {
      body += kWords[rng() % std::size(kWords)];
      body += ' ';
    }
    body += std::to_string(rng() % 100000) + "</p>\n";
  }
  return body + "</body></html>";
}

sightline::crawler::FetchedPage MakePage(int64_t i, std::string body) {
  sightline::crawler::FetchedPage p;
  p.url = "https://clinic.example/post/" + std::to_string(i);
  p.final_url = p.url;
  p.status = 200;
  p.content_type = "text/html";
  p.etag = "\"" + std::to_string(i) + "\"";
  p.headers = {{"content-type", "text/html"}, {"etag", p.etag}};
  p.body = std::move(body);
  return p;
}

// Unique bodies: every page compresses and stores a new snapshot. Arg: body size in bytes.
void BM_RecordPagesWithSnapshots(benchmark::State& state) {
  TempDb tmp;
  auto store = AuditStore::Open(tmp.path());
  if (!store) {
    state.SkipWithError(store.error().message.c_str());
    return;
  }
  auto audit = (*store)->BeginAudit("https://clinic.example/", "{}", {});
  if (!audit) {
    state.SkipWithError(audit.error().message.c_str());
    return;
  }
  const size_t size = static_cast<size_t>(state.range(0));
  constexpr int kPagesPerIteration = 128;
  std::vector<std::string> bodies;
  for (int i = 0; i < 64; ++i) bodies.push_back(Body(size, static_cast<uint64_t>(i)));
  int64_t n = 0;
  sightline::storage::PageMeta meta;
  meta.indexable = true;
  for (auto _ : state) {
    for (int i = 0; i < kPagesPerIteration; ++i, ++n) {
      // Prefixing the page number makes every body (and content hash) unique.
      auto page = MakePage(n, std::to_string(n) + bodies[static_cast<size_t>(n) % bodies.size()]);
      if (!(*store)->RecordPage(*audit, page, meta, {})) {
        state.SkipWithError("RecordPage failed");
        return;
      }
    }
    if (!(*store)->Flush()) {
      state.SkipWithError("Flush failed");
      return;
    }
  }
  state.SetItemsProcessed(state.iterations() * kPagesPerIteration);
  state.counters["pages/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kPagesPerIteration), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(state.iterations() * kPagesPerIteration * static_cast<int64_t>(size));
}
BENCHMARK(BM_RecordPagesWithSnapshots)
    ->Arg(4 << 10)
    ->Arg(32 << 10)
    ->Arg(256 << 10)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// A repeat audit where most pages answer 304: no body, the snapshot is reused.
void BM_RecordNotModifiedPages(benchmark::State& state) {
  TempDb tmp;
  auto store = AuditStore::Open(tmp.path());
  if (!store) {
    state.SkipWithError(store.error().message.c_str());
    return;
  }
  constexpr int kPages = 512;
  auto first = (*store)->BeginAudit("https://clinic.example/", "{}", {});
  sightline::storage::PageMeta meta;
  for (int i = 0; i < kPages; ++i) {
    (void)(*store)->RecordPage(*first, MakePage(i, Body(16 << 10, static_cast<uint64_t>(i))), meta,
                               {});
  }
  (void)(*store)->FinishAudit(*first, {}, {}, {});
  auto audit = (*store)->BeginAudit("https://clinic.example/", "{}", {});
  int64_t n = 0;
  for (auto _ : state) {
    for (int i = 0; i < 128; ++i, ++n) {
      auto page = MakePage(n % kPages, "");
      page.status = 304;
      page.not_modified = true;
      (void)(*store)->RecordPage(*audit, page, meta, {});
    }
    (void)(*store)->Flush();
  }
  state.counters["pages/s"] = benchmark::Counter(static_cast<double>(state.iterations() * 128),
                                                 benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RecordNotModifiedPages)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
