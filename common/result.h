// Result<T> and Status: the error vocabulary of every sightline library.
// No exception crosses a library boundary; fallible calls return Result<T> (std::expected
// where the standard library has it, a small equivalent otherwise, so clang 14's libFuzzer
// builds against libstdc++ 12 still compile) or Status (= Result<void>).
#pragma once

#include <string>
#include <utility>
#include <version>

#if defined(__cpp_lib_expected) && __cpp_lib_expected >= 202202L
#include <expected>
#define SIGHTLINE_HAS_STD_EXPECTED 1
#else
#include <optional>
#include <variant>
#endif

namespace sightline {

enum class ErrorCode {
  kInvalidArgument,  // the caller's input is wrong (usage, malformed option)
  kNotFound,
  kIo,           // file system or database I/O failed
  kNetwork,      // a transfer failed
  kBusy,         // another process holds the resource
  kCorrupt,      // stored data fails a consistency check
  kUnavailable,  // a dependency (data file, package) is missing
  kCancelled,
  kInternal,
};

const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;

  std::string ToString() const { return std::string(ErrorCodeName(code)) + ": " + message; }
};

#ifdef SIGHTLINE_HAS_STD_EXPECTED
template <typename T>
using Result = std::expected<T, Error>;
using Unexpected = std::unexpected<Error>;
#else
class Unexpected {
 public:
  explicit Unexpected(Error e) : error_(std::move(e)) {}
  const Error& error() const& { return error_; }
  Error&& error() && { return std::move(error_); }

 private:
  Error error_;
};

// The subset of std::expected that sightline uses.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result() requires std::is_default_constructible_v<T> : v_(std::in_place_index<0>) {}
  template <typename U = T>
  requires std::is_constructible_v<T, U&&> Result(U&& value)
      : v_(std::in_place_index<0>, std::forward<U>(value)) {}
  Result(Unexpected u) : v_(std::in_place_index<1>, std::move(u).error()) {}

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }
  template <typename U>
  T value_or(U&& fallback) const& {
    return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Unexpected u) : error_(std::move(u).error()) {}
  bool has_value() const { return !error_.has_value(); }
  explicit operator bool() const { return has_value(); }
  void value() const {}
  const Error& error() const& { return *error_; }
  Error&& error() && { return std::move(*error_); }

 private:
  std::optional<Error> error_;
};
#endif

using Status = Result<void>;

// Builds the error side of a Result: `return Fail(ErrorCode::kIo, "cannot open " + path);`
inline Unexpected Fail(ErrorCode code, std::string message) {
  return Unexpected(Error{code, std::move(message)});
}

inline Status Ok() { return {}; }

}  // namespace sightline
