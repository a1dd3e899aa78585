// Lexical cues linkage relies on, compiled once (RE2, thread-safe): patient-story anchors
// and generic statements, references that keep a story going, disparaging words and
// colleague roles, and the first-person cues that mark the author's private life. All
// functions take ASCII-lower-cased text (see text_util.h) so offsets match the page text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sightline::analyzer::link_internal {

enum class CueStrength {
  kNew,   // introduces a (new) patient: "a 41-year-old woman", "another patient"
  kWeak,  // opens a story only when none is open: "my patient", "presented with"
  // The writer tells their own story as a patient ("I was diagnosed with", "as a patient of
  // Dr. Hale"): a testimonial. The story takes the whole block (the name usually comes
  // first: "My name is Jane Roe, ... I was diagnosed with ..."); not on profile pages,
  // where the writer is the author.
  kFirstPerson,
};

struct Cue {
  size_t begin = 0;
  size_t end = 0;
  CueStrength strength = CueStrength::kWeak;
};

// Patient anchors in `lower`, ascending, with generic statements ("many of my patients",
// "one in ten adults") left out.
std::vector<Cue> FindPatientCues(std::string_view lower);

// The sentence speaks about people in general: "many of my patients", "if you", "one in ten".
bool IsGenericStatement(std::string_view lower_sentence);

// The text refers back to a patient already introduced (pronouns, "the patient", "the
// cyclist", first-person clinical narrative).
bool HasSubjectReference(std::string_view lower);

// Disparaging words in the sentence (lexicon), lower case.
std::vector<std::string> DisparagingTerms(std::string_view lower_sentence);

// A colleague, supervisor or employer named by role: "my supervisor", "the chief of surgery".
// Returns [begin, end) spans.
std::vector<std::pair<size_t, size_t>> ColleagueRoles(std::string_view lower_sentence);

bool HasFamilyCue(std::string_view lower_sentence);           // "my wife", "our daughter"
bool HasChildCue(std::string_view lower_sentence);            // "my kids", "our son"
bool HasHomeCue(std::string_view lower_sentence);             // "we live at", "our house"
bool HasPersonalContactCue(std::string_view lower_sentence);  // "my cell", "text me"
// Any of the four above, in one scan of the sentence.
bool IsPrivateLifeSentence(std::string_view lower_sentence);
bool IsSchoolName(std::string_view lower_name);  // "... elementary", "... school"
bool IsHospitalName(std::string_view lower_name);
// Capitalised school names in original-case text: "Maple Street Elementary School",
// "St. Mary's Academy", "Lincoln Middle School". [begin, end) spans.
std::vector<std::pair<size_t, size_t>> SchoolNames(
    std::string_view text);  // "... hospital", "medical center"

// "patient" (singular, as a word) appears: "patient John Miller", "the patient's DOB".
bool MentionsOnePatient(std::string_view lower_sentence);

// The span at `begin` is negated by the few words before it: "no fracture", "ruled out
// lupus", "without diabetes".
bool IsNegated(std::string_view lower_block, size_t begin);

// A birth label ends right before `begin`: "dob: ", "date of birth ", "born on ", "birthday,".
bool HasBirthLabelBefore(std::string_view lower_block, size_t begin);

// Profile-looking URL path: about, contact, team, bio, our-doctors, ...
bool IsProfileUrl(std::string_view lower_url);

}  // namespace sightline::analyzer::link_internal
