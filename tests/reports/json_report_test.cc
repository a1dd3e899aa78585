#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <string>

#include "reports/report.h"
#include "tests/reports/json_schema_validator.h"
#include "tests/reports/report_fixture.h"
#include "tests/support/temp_dir.h"

namespace sightline::reports {
namespace {

using nlohmann::json;
using testing::SchemaValidator;

const char* kDocs = SIGHTLINE_SOURCE_DIR "/docs";

std::string Joined(const std::vector<std::string>& errors) {
  std::string out;
  for (const auto& e : errors) out += e + "\n";
  return out;
}

// Every report shape the renderer can produce, checked against docs/report-schema.json.
std::vector<json> EmittedAuditReports() {
  std::vector<json> docs;
  const auto rich = testing::RichAuditReport();
  docs.push_back(AuditToJson(rich, {}));
  docs.push_back(AuditToJson(rich, testing::Options(true, false, "2026-11-21T00:00:00Z")));
  docs.push_back(json::parse(RenderAudit(rich, Format::kJson, {})));
  storage::AuditReport first;  // a first, still running audit: no previous, no findings
  first.audit.id = 1;
  first.audit.site = "https://example.org/";
  first.audit.started_at = "2026-11-20T02:00:00Z";
  first.audit.state = "running";
  docs.push_back(AuditToJson(first, {}));
  auto odd = rich;  // non-finite numbers and invalid UTF-8 from a page
  odd.findings[0].finding.anonymity_set = std::numeric_limits<double>::quiet_NaN();
  odd.findings[0].finding.details[0].prior = std::numeric_limits<double>::infinity();
  odd.findings[1].finding.details[0].snippet = "broken \xff\xfe utf-8 \xc3";
  odd.pages[0].title = "\xe2\x82";
  docs.push_back(AuditToJson(odd, {}));
  return docs;
}

TEST(ReportSchema, EveryEmittedAuditReportConforms) {
  SchemaValidator validator(kDocs, "report-schema.json");
  ASSERT_EQ(validator.error(), "");
  for (const auto& doc : EmittedAuditReports()) {
    EXPECT_EQ(Joined(validator.Validate(doc)), "") << doc.dump(2).substr(0, 400);
  }
}

TEST(ReportSchema, EveryEmittedDiffConforms) {
  SchemaValidator validator(kDocs, "diff-schema.json");
  ASSERT_EQ(validator.error(), "");
  const auto diff = testing::RichDiffReport();
  EXPECT_EQ(Joined(validator.Validate(DiffToJson(diff, {}))), "");
  EXPECT_EQ(Joined(validator.Validate(DiffToJson(diff, testing::Options(true)))), "");
  EXPECT_EQ(Joined(validator.Validate(json::parse(RenderDiff(diff, Format::kJson, {})))), "");
  EXPECT_EQ(Joined(validator.Validate(DiffToJson(storage::DiffReport{}, {}))), "");
}

// The validator must fail documents that break the schema, or the conformance tests prove
// nothing.
TEST(SchemaValidatorSelfTest, RejectsBrokenDocuments) {
  SchemaValidator validator(kDocs, "report-schema.json");
  const json good = AuditToJson(testing::RichAuditReport(), {});
  ASSERT_TRUE(validator.Validate(good).empty());

  struct Case {
    const char* name;
    std::function<void(json&)> mutate;
    const char* expected;
  };
  const std::vector<Case> cases{
      {"missing id", [](json& d) { d["findings"][0].erase("id"); }, "missing required \"id\""},
      {"unknown risk", [](json& d) { d["findings"][0]["risk"] = "severe"; }, "is not one of"},
      {"wrong type", [](json& d) { d["audit"]["pages_fetched"] = "120"; }, "type is not"},
      {"extra field in closed detail",
       [](json& d) { d["findings"][0]["details"][0]["colour"] = "red"; },
       "unexpected property \"colour\""},
      {"negative days", [](json& d) { d["findings"][0]["exposure"]["exposed_days"] = -3; },
       "below minimum"},
      {"prior above one", [](json& d) { d["findings"][0]["details"][0]["prior"] = 2.5; },
       "above maximum"},
      {"wrong schema", [](json& d) { d["schema"] = "sightline.audit/2"; }, "is not one of"},
      {"null id", [](json& d) { d["audit"]["id"] = nullptr; }, "type is not"},
      {"renamed field",
       [](json& d) {
         d["findings"][0]["exposure"]["archives"] = d["findings"][0]["exposure"]["archived"];
         d["findings"][0]["exposure"].erase("archived");
       },
       "missing required \"archived\""},
      {"bad capture", [](json& d) { d["findings"][0]["exposure"]["archived"][0].erase("url"); },
       "/findings/0/exposure/archived/0: missing required \"url\""},
      {"bad previous_risk", [](json& d) { d["findings"][0]["previous_risk"] = 3; },
       "matches none of anyOf"},
      {"not an object", [](json& d) { d = json::array(); }, "type is not"},
  };
  for (const auto& c : cases) {
    json doc = good;
    c.mutate(doc);
    const std::string errors = Joined(validator.Validate(doc));
    EXPECT_NE(errors.find(c.expected), std::string::npos) << c.name << ": " << errors;
  }
}

TEST(SchemaValidatorSelfTest, ReportsUnsupportedKeywordsAndBadRefs) {
  sightline::testing::TempDir dir;
  std::ofstream(dir / "s.json") << R"({"type": "object", "properties": {
      "a": {"type": "string", "pattern": "^x"},
      "b": {"$ref": "other.json#/$defs/missing"}}})";
  SchemaValidator validator(dir.path(), "s.json");
  const std::string errors = Joined(validator.Validate(json{{"a", "x"}, {"b", 1}}));
  EXPECT_NE(errors.find("\"pattern\" is not supported"), std::string::npos) << errors;
  EXPECT_NE(errors.find("unresolvable $ref"), std::string::npos) << errors;
  SchemaValidator missing(dir.path(), "nope.json");
  EXPECT_FALSE(missing.Validate(json::object()).empty());
}

// DESIGN.md's field names, spelled out: renaming any of them breaks users' scripts.
TEST(AuditJson, KeepsTheDesignContractFieldNames) {
  const json doc = AuditToJson(testing::RichAuditReport(), {});
  EXPECT_EQ(doc["schema"], "sightline.audit/1");
  for (const char* key : {"id", "site", "started_at", "finished_at", "previous_id", "pages_fetched",
                          "pages_failed", "not_modified"}) {
    EXPECT_TRUE(doc["audit"].contains(key)) << key;
  }
  for (const char* key :
       {"url", "status", "indexable", "exposure_reasons", "title", "published", "content_hash"}) {
    EXPECT_TRUE(doc["pages"][0].contains(key)) << key;
  }
  const json& f = doc["findings"][0];
  for (const char* key : {"id", "kind", "risk", "status", "anonymity_set", "summary", "pages",
                          "details", "exposure", "advice"}) {
    EXPECT_TRUE(f.contains(key)) << key;
  }
  for (const char* key : {"type", "text", "normalized", "url", "snippet", "hidden", "prior"}) {
    EXPECT_TRUE(f["details"][0].contains(key)) << key;
  }
  for (const char* key :
       {"indexable", "reasons", "first_seen", "last_seen", "exposed_days", "archived"}) {
    EXPECT_TRUE(f["exposure"].contains(key)) << key;
  }
  EXPECT_EQ(f["exposure"]["archived"][0]["archive"], "wayback");
  EXPECT_EQ(doc["audit"]["previous_id"], 6);
  EXPECT_EQ(doc["audit"]["id"], 7);
}

TEST(AuditJson, CarriesValuesThrough) {
  const json doc = AuditToJson(testing::RichAuditReport(), {});
  const json& f = doc["findings"][0];
  EXPECT_EQ(f["id"], "f-wilson-41");
  EXPECT_EQ(f["kind"], "patient_reidentification");
  EXPECT_DOUBLE_EQ(f["anonymity_set"].get<double>(), 0.01);
  EXPECT_EQ(f["details"][2]["type"], "condition");
  EXPECT_EQ(f["details"][2]["normalized"], "wilson disease");
  EXPECT_EQ(f["details"][4]["inherited"], true);
  EXPECT_EQ(f["exposure"]["exposed_days"], 67);
  EXPECT_EQ(doc["pages"][1]["published"], "2026-09-14");
  EXPECT_TRUE(doc["pages"][0]["published"].is_null());
  EXPECT_EQ(doc["pages"][5]["error"], "timeout");
  EXPECT_EQ(doc["summary"]["critical"], 1);  // the resolved critical one is not open
  EXPECT_EQ(doc["summary"]["resolved"], 1);
  EXPECT_EQ(doc["history"].size(), 4u);
}

TEST(AuditJson, FindingsSortedByRiskThenStatus) {
  const json doc = AuditToJson(testing::RichAuditReport(), {});
  std::vector<std::string> ids;
  for (const auto& f : doc["findings"]) ids.push_back(f["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"f-wilson-41", "f-old-case", "f-rant", "f-hartley-name",
                                           "f-author", "f-school"}));
}

TEST(AuditJson, InvalidUtf8FromAPageDoesNotThrowOnDump) {
  auto report = testing::RichAuditReport();
  report.findings[0].finding.details[0].snippet = "bad \xff byte";
  const json doc = AuditToJson(report, {});
  std::string dumped;
  EXPECT_NO_THROW(dumped = doc.dump());
  EXPECT_NE(dumped.find("bad \xef\xbf\xbd byte"), std::string::npos);
}

TEST(AuditJson, RedactMasksDetailsEverywhere) {
  const std::string dumped = AuditToJson(testing::RichAuditReport(), testing::Options(true)).dump();
  for (const char* secret :
       {"Wilson", "Hartley", "bus driver", "Fabry", "013-4477", "Kowalski", "Lincoln"}) {
    EXPECT_EQ(dumped.find(secret), std::string::npos) << secret;
  }
  EXPECT_NE(dumped.find("F***y disease"), std::string::npos);
  EXPECT_NE(dumped.find("\"redacted\":true"), std::string::npos);
  EXPECT_NE(dumped.find(testing::kPost), std::string::npos);  // URLs stay usable
}

TEST(HistoryJson, ListsAuditsOldestFirst) {
  const auto report = testing::RichAuditReport();
  const json doc = json::parse(RenderHistory(report.history, report.audit.site, Format::kJson, {}));
  EXPECT_EQ(doc["schema"], "sightline.history/1");
  EXPECT_EQ(doc["site"], testing::kSite);
  ASSERT_EQ(doc["audits"].size(), 4u);
  EXPECT_EQ(doc["audits"][0]["audit_id"], 4);
  EXPECT_EQ(doc["audits"][3]["high"], 2);
  // The trend: open findings and their change since the previous complete audit.
  EXPECT_EQ(doc["audits"][0]["open"], 2);
  EXPECT_TRUE(doc["audits"][0]["open_change"].is_null());
  EXPECT_EQ(doc["audits"][1]["open_change"], 2);
  EXPECT_EQ(doc["audits"][2]["open_change"], -1);
  EXPECT_EQ(doc["audits"][3]["open"], 5);
  EXPECT_EQ(doc["audits"][3]["open_change"], 2);
}

TEST(Format, ParsesTheCommandLineNames) {
  EXPECT_EQ(ParseFormat("text"), Format::kText);
  EXPECT_EQ(ParseFormat("json"), Format::kJson);
  EXPECT_EQ(ParseFormat("html"), Format::kHtml);
  EXPECT_EQ(ParseFormat("csv"), Format::kCsv);
  EXPECT_EQ(ParseFormat("pdf"), std::nullopt);
  EXPECT_EQ(ParseFormat("JSON"), std::nullopt);
  for (Format f : {Format::kText, Format::kJson, Format::kHtml, Format::kCsv}) {
    EXPECT_EQ(ParseFormat(FormatName(f)), f);
  }
}

}  // namespace
}  // namespace sightline::reports
