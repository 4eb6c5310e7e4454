// Errors a simulated AWS service answers with, and the Outcome of an operation.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace acmsim::model {

/// An AWS error response: the error code ("ResourceNotFoundException") and a
/// message that explains the rule, for teaching. `rule` names the
/// misconfiguration rule (spec/rules.md) when the refusal is that rule's reason.
struct AwsError {
  std::string code;
  std::string message;
  std::string rule;
};

/// Either a value or an AwsError: the result of every model operation.
template <class T>
class Outcome {
 public:
  Outcome(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Outcome(AwsError error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  [[nodiscard]] bool ok() const { return std::holds_alternative<T>(v_); }
  [[nodiscard]] const T& value() const { return std::get<T>(v_); }
  [[nodiscard]] T& value() { return std::get<T>(v_); }
  [[nodiscard]] const AwsError& error() const { return std::get<AwsError>(v_); }

 private:
  std::variant<T, AwsError> v_;
};

inline AwsError aws_error(std::string code, std::string message, std::string rule = {}) {
  return AwsError{std::move(code), std::move(message), std::move(rule)};
}

}  // namespace acmsim::model
