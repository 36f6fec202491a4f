#pragma once
// Result<T>: a value or an Error. Failures we expect (a missing article, a bad setting, a
// busy database) travel as values across module boundaries; exceptions stay inside the
// adapter that met them. C++20 has no std::expected, so this is our small one.

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace dateline::core {

// Stable codes: callers branch on these, never on message text.
enum class ErrorCode {
  kInvalidArgument,  // the caller's input is wrong (bad setting, malformed file)
  kNotFound,
  kAlreadyExists,
  kConflict,
  kPermissionDenied,  // who is acting may not do this
  kUnauthenticated,   // not signed in as anyone (a wrong password, a closed account)
  kRateLimited,       // too many attempts; try later
  kUnavailable,       // a dependency (database, mail server) cannot be reached now
  kInternal,          // a bug or an unexpected state
};

const char* ErrorCodeName(ErrorCode code);

// An error has two faces: `message`, for logs and operators, never shown to readers; and
// `reader`, the sentence the person who caused it is shown (empty: web/ shows a generic
// sentence for the code). Stable codes are what callers branch on, never either text.
struct Error {
  ErrorCode code;
  std::string message;  // for logs and operators
  std::string reader;   // for the reader, or empty

  // The same error, shown to readers in the words of its message (written for them).
  Error ForReaders() && {
    reader = message;
    return std::move(*this);
  }
  // The same error, with a sentence for readers apart from the operator's message.
  Error WithReader(std::string sentence) && {
    reader = std::move(sentence);
    return std::move(*this);
  }

  static Error InvalidArgument(std::string msg) {
    return {ErrorCode::kInvalidArgument, std::move(msg)};
  }
  static Error NotFound(std::string msg) { return {ErrorCode::kNotFound, std::move(msg)}; }
  static Error AlreadyExists(std::string msg) {
    return {ErrorCode::kAlreadyExists, std::move(msg)};
  }
  static Error Conflict(std::string msg) { return {ErrorCode::kConflict, std::move(msg)}; }
  static Error Unavailable(std::string msg) { return {ErrorCode::kUnavailable, std::move(msg)}; }
  static Error RateLimited(std::string msg) { return {ErrorCode::kRateLimited, std::move(msg)}; }
  static Error PermissionDenied(std::string msg) {
    return {ErrorCode::kPermissionDenied, std::move(msg)};
  }
  static Error Unauthenticated(std::string msg) {
    return {ErrorCode::kUnauthenticated, std::move(msg)};
  }
  static Error Internal(std::string msg) { return {ErrorCode::kInternal, std::move(msg)}; }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_{ErrorCode::kInternal, {}};
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace dateline::core

// Propagate a failed Result from the enclosing function.
#define DL_TRY(expr)                                         \
  do {                                                       \
    auto dl_try_result_ = (expr);                            \
    if (!dl_try_result_.ok()) return dl_try_result_.error(); \
  } while (0)
