// Splits a page into patient stories (subjects): spans anchored by a patient cue that end at
// a heading, at a new patient, or at the first block that no longer refers to the patient.
// Hidden blocks (comments, alt text) beside a story belong to it. Pure; see cues.h.
#pragma once

#include <vector>

#include "analyzer/link/internal/page_view.h"
#include "analyzer/link/page_analysis.h"

namespace sightline::analyzer::link_internal {

// `used` (one flag per mention) is set for every mention that went into a subject.
// `profile_page`: the author's own profile, where first-person facts are the author's.
std::vector<Subject> SplitSubjects(const PageView& view, std::vector<bool>& used,
                                   bool profile_page = false);

// A direct identifier by itself when tied to a patient: a patient's name, an identifier
// number, a date of birth, an age over 89, a street address or a patient's phone/email.
bool IsDirectIdentifier(const LinkedDetail& d);

}  // namespace sightline::analyzer::link_internal
