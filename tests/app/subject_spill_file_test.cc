// SubjectSpillFile: stories kept on disk come back exactly, across its write buffer, and the
// file leaves nothing behind in the directory.
#include "app/subject_spill_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace sightline::app {
namespace {

using analyzer::LinkedDetail;
using analyzer::Subject;

std::vector<Subject> Stories(int page, int count) {
  std::vector<Subject> out;
  for (int s = 0; s < count; ++s) {
    Subject subject;
    subject.url = "http://127.0.0.1/post/" + std::to_string(page);
    subject.cue = "a " + std::to_string(30 + s) + "-year-old woman";
    subject.first_block = static_cast<size_t>(s);
    subject.last_block = static_cast<size_t>(s + 2);
    for (int d = 0; d < 3; ++d) {
      LinkedDetail detail;
      detail.detail.type = analyzer::MentionType::kCondition;
      detail.detail.text = "Fabry disease " + std::to_string(d);
      detail.detail.normalized = "fabry disease";
      detail.detail.url = subject.url;
      // Long snippets so a few hundred pages cross the 1 MiB write buffer.
      detail.detail.snippet = std::string(900, static_cast<char>('a' + d)) + "\xC3\xA9";
      detail.detail.prior = 1.0 / (d + 2);
      detail.attributes = {{"population", std::to_string(1000 * d)}, {"age", "41"}};
      detail.confidence = 0.5;
      detail.block_fingerprint = 0x1234567890abcdefULL + static_cast<uint64_t>(d);
      detail.block = static_cast<size_t>(d);
      subject.details.push_back(std::move(detail));
    }
    out.push_back(std::move(subject));
  }
  return out;
}

void ExpectSame(const std::vector<Subject>& got, const std::vector<Subject>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].url, want[i].url);
    EXPECT_EQ(got[i].cue, want[i].cue);
    EXPECT_EQ(got[i].first_block, want[i].first_block);
    EXPECT_EQ(got[i].last_block, want[i].last_block);
    ASSERT_EQ(got[i].details.size(), want[i].details.size());
    for (size_t d = 0; d < want[i].details.size(); ++d) {
      const LinkedDetail& a = got[i].details[d];
      const LinkedDetail& b = want[i].details[d];
      EXPECT_EQ(a.detail.text, b.detail.text);
      EXPECT_EQ(a.detail.snippet, b.detail.snippet);
      EXPECT_EQ(a.detail.prior, b.detail.prior);
      EXPECT_EQ(a.attributes, b.attributes);
      EXPECT_EQ(a.confidence, b.confidence);
      EXPECT_EQ(a.block_fingerprint, b.block_fingerprint);
      EXPECT_EQ(a.block, b.block);
    }
  }
}

TEST(SubjectSpillFile, EveryPageReadsBackExactlyAcrossTheWriteBuffer) {
  testing::TempDir dir;
  auto spill = SubjectSpillFile::Create(dir.path());
  ASSERT_TRUE(spill) << spill.error().message;
  std::vector<uint64_t> handles;
  constexpr int kPages = 600;  // ~1.8 MB: one buffer written, the rest still buffered
  for (int page = 0; page < kPages; ++page) {
    auto handle = (*spill)->Keep(Stories(page, page % 3));
    ASSERT_TRUE(handle) << handle.error().message;
    handles.push_back(*handle);
  }
  EXPECT_GT((*spill)->size(), uint64_t{3} << 19) << "more than one write buffer";
  // Linkage reads in page order; any order works.
  for (int page = kPages - 1; page >= 0; page -= 7) {
    auto read = (*spill)->Read(handles[static_cast<size_t>(page)]);
    ASSERT_TRUE(read) << read.error().message;
    ExpectSame(*read, Stories(page, page % 3));
  }
  for (int page = 0; page < kPages; ++page) {
    auto read = (*spill)->Read(handles[static_cast<size_t>(page)]);
    ASSERT_TRUE(read);
    ASSERT_EQ(read->size(), static_cast<size_t>(page % 3));
  }
  // The file has no name: nothing to clean up after a crash.
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(SubjectSpillFile, ANonexistentDirectoryIsAClearError) {
  testing::TempDir dir;
  auto spill = SubjectSpillFile::Create(dir / "missing");
  ASSERT_FALSE(spill);
  EXPECT_EQ(spill.error().code, ErrorCode::kIo);
  EXPECT_NE(spill.error().message.find("missing"), std::string::npos) << spill.error().message;
}

TEST(SubjectSpillFile, AnUnknownHandleIsAnError) {
  testing::TempDir dir;
  auto spill = SubjectSpillFile::Create(dir.path());
  ASSERT_TRUE(spill);
  EXPECT_FALSE((*spill)->Read(0));
  auto handle = (*spill)->Keep({});
  ASSERT_TRUE(handle);
  auto empty = (*spill)->Read(*handle);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

}  // namespace
}  // namespace sightline::app
