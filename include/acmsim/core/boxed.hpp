// A value held on the heap, copied as a value: for the large members of a
// struct that most of its instances leave empty (a scenario's steps are
// mostly calls; a fleet has hundreds of thousands of them, and the members of
// a probe or an expectation would triple each step's size).
#pragma once

#include <memory>

namespace acmsim::core {

template <class T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(const Boxed& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  ~Boxed() = default;
  Boxed& operator=(T value) {
    value_ = std::make_unique<T>(std::move(value));
    return *this;
  }

  /// Reading an empty box reads a default value, as an unboxed member would.
  [[nodiscard]] const T& operator*() const { return value_ ? *value_ : empty(); }
  [[nodiscard]] const T* operator->() const { return &**this; }
  /// Writing fills the box first.
  [[nodiscard]] T& operator*() {
    if (!value_) value_ = std::make_unique<T>();
    return *value_;
  }
  [[nodiscard]] T* operator->() { return &**this; }

 private:
  static const T& empty() {
    static const T kEmpty{};
    return kEmpty;
  }
  std::unique_ptr<T> value_;
};

}  // namespace acmsim::core
