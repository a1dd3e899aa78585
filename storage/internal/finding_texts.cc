#include "storage/internal/finding_texts.h"

#include <fmt/format.h>

#include "common/hash.h"

namespace sightline::storage::internal {

std::string FindingTextDigest(const FindingText& text) {
  std::string joined;
  joined.reserve(text.summary.size() + text.details_json.size() + text.pages_json.size() +
                 text.advice.size() + text.reasons_json.size() + 5 * 12);
  for (const std::string* field :
       {&text.summary, &text.details_json, &text.pages_json, &text.advice, &text.reasons_json}) {
    fmt::format_to(std::back_inserter(joined), "{}:", field->size());
    joined += *field;
  }
  return Sha256Hex(joined);
}

Result<int64_t> StoreFindingText(Db& db, const FindingText& text, const std::string& digest) {
  // Looked up first: on a site that did not change, every text is already there and the
  // look-up is all this costs.
  auto find = Stmt::Prepare(db, "SELECT id FROM finding_texts WHERE digest = ?");
  if (!find) return Unexpected(find.error());
  find->Bind(1, digest);
  auto found = find->Step();
  if (!found) return Unexpected(found.error());
  if (*found) return find->Int(0);
  find->Reset();

  auto insert = Stmt::Prepare(db,
                              "INSERT INTO finding_texts(digest, summary, details_json, "
                              "pages_json, advice, reasons_json) VALUES (?, ?, ?, ?, ?, ?)");
  if (!insert) return Unexpected(insert.error());
  insert->Bind(1, digest)
      .Bind(2, text.summary)
      .Bind(3, text.details_json)
      .Bind(4, text.pages_json)
      .Bind(5, text.advice)
      .Bind(6, text.reasons_json);
  if (auto s = insert->Run(); !s) return Unexpected(s.error());
  return db.LastInsertId();
}

Status MoveOccurrenceTextsOut(Db& db) {
  auto old_rows = Stmt::Prepare(
      db,
      "SELECT audit_id, finding_id, status, resolved_reason, risk, k, indexable, first_seen, "
      "last_seen, ever_indexable, since_published, previous_risk, summary, details_json, "
      "pages_json, advice, reasons_json FROM occurrences");
  if (!old_rows) return Unexpected(old_rows.error());
  auto insert = Stmt::Prepare(
      db,
      "INSERT INTO occurrences_v5(audit_id, finding_id, status, resolved_reason, risk, k, "
      "indexable, first_seen, last_seen, ever_indexable, since_published, previous_risk, "
      "text_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert) return Unexpected(insert.error());
  while (true) {
    auto row = old_rows->Step();
    if (!row) return Unexpected(row.error());
    if (!*row) return Ok();
    const FindingText text{old_rows->Text(12), old_rows->Text(13), old_rows->Text(14),
                           old_rows->Text(15), old_rows->Text(16)};
    auto text_id = StoreFindingText(db, text, FindingTextDigest(text));
    if (!text_id) return Unexpected(text_id.error());
    insert->Bind(1, old_rows->Int(0))
        .Bind(2, old_rows->Int(1))
        .Bind(3, old_rows->Text(2))
        .Bind(4, old_rows->Text(3))
        .Bind(5, old_rows->Text(4))
        .Bind(6, old_rows->Double(5))
        .Bind(7, old_rows->Int(6))
        .Bind(8, old_rows->Text(7))
        .Bind(9, old_rows->Text(8))
        .Bind(10, old_rows->Int(9))
        .Bind(11, old_rows->Int(10))
        .Bind(13, *text_id);
    if (old_rows->IsNull(11)) {
      insert->BindNull(12);
    } else {
      insert->Bind(12, old_rows->Text(11));
    }
    if (auto s = insert->Run(); !s) return s;
  }
}

}  // namespace sightline::storage::internal
