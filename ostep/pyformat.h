// Python's way of printing values, for the OSTEP simulators, whose answers must match the
// textbook's scripts character for character.
//
// - py_str(double) is str()/repr() of a float in Python 3: the shortest digit string that reads
//   back to the same double, in fixed notation when the decimal exponent is in [-4, 16) and with
//   ".0" when integral ("1.0", "0.0001", "1e-05", "1e+16", "-0.0", "inf", "nan").
// - py_percent(FORMAT, ARGS...) is FORMAT % (ARGS...): %d %i %u %x %X %o %e %E %f %F %g %G %c
//   %s %r %% with flags (- + space 0 #), width and precision. As in Python, %d of a float
//   truncates it, %s of a float is py_str and of a bool "True"/"False", %r of a string is repr.
//   A mismatch between FORMAT and ARGS is a bug in the caller: std::logic_error.
// - py_list(...) is str() of a list ("[1, 2.5, 'a']"); py_repr(string) is repr() of a str.
// - py_round(X) is round(X) (half to even, an int); py_round(X, N) is round(X, N) (correctly
//   rounded, from the exact binary value, as CPython's dtoa-based rounding is).
// - py_floordiv / py_mod are // and % on ints (rounding toward minus infinity).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace ks::ostep {

// One argument of py_percent: a Python int, float, str or bool.
class PyValue {
 public:
  using Storage = std::variant<std::int64_t, double, std::string, bool>;
  template <class I,
            std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool> && !std::is_same_v<I, char>, int> = 0>
  explicit PyValue(I value) : value_(static_cast<std::int64_t>(value)) {}
  explicit PyValue(bool value) : value_(value) {}
  explicit PyValue(double value) : value_(value) {}
  explicit PyValue(const char* value) : value_(std::string(value)) {}
  explicit PyValue(std::string value) : value_(std::move(value)) {}
  explicit PyValue(std::string_view value) : value_(std::string(value)) {}
  explicit PyValue(Storage value) : value_(std::move(value)) {}
  const Storage& storage() const { return value_; }

 private:
  Storage value_;
};

std::string py_str(double value);
std::string py_str(bool value);
template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
std::string py_str(I value) {
  return std::to_string(static_cast<std::int64_t>(value));
}
std::string py_str(const PyValue& value);
std::string py_repr(std::string_view text);
std::string py_repr(const PyValue& value);

std::string py_percent_values(std::string_view format, const std::vector<PyValue>& args);
template <class... Args>
std::string py_percent(std::string_view format, const Args&... args) {
  return py_percent_values(format, std::vector<PyValue>{PyValue(args)...});
}

std::string py_list(const std::vector<PyValue>& items);
template <class T>
std::string py_list(const std::vector<T>& items) {
  std::vector<PyValue> values;
  values.reserve(items.size());
  for (const auto& item : items) values.emplace_back(item);
  return py_list(values);
}

std::int64_t py_round(double value);
double py_round(double value, int ndigits);
std::int64_t py_floordiv(std::int64_t a, std::int64_t b);
std::int64_t py_mod(std::int64_t a, std::int64_t b);

}  // namespace ks::ostep
