// Python's str()/repr() of floats and its %-formatting (see pyformat.h). Floats are formatted by
// the C library's snprintf, which rounds correctly from the exact binary value as CPython does;
// only the shape around the digits (repr's notation switch, flags, padding) is done here.
#include "ostep/pyformat.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace ks::ostep {
namespace {

std::string c_format(const char* format, int precision, double value) {
  char buffer[512];
  const int length = std::snprintf(buffer, sizeof buffer, format, precision, value);
  if (length < 0 || static_cast<std::size_t>(length) >= sizeof buffer) {
    // Only %f of a huge value is this long: format it again into a buffer of the right size.
    std::string big(static_cast<std::size_t>(length) + 1, '\0');
    std::snprintf(big.data(), big.size(), format, precision, value);
    big.pop_back();
    return big;
  }
  return std::string(buffer, static_cast<std::size_t>(length));
}

// The shortest round-trip digits of a finite, positive VALUE and its decimal exponent, as in
// "d.ddd" x 10^exponent.
void shortest_digits(double value, std::string& digits, int& exponent) {
  for (int precision = 0; precision <= 16; ++precision) {
    const std::string text = c_format("%.*e", precision, value);
    if (precision == 16 || std::strtod(text.c_str(), nullptr) == value) {
      const std::size_t e = text.find('e');
      digits.clear();
      for (std::size_t i = 0; i < e; ++i) {
        if (text[i] != '.') digits += text[i];
      }
      exponent = std::atoi(text.c_str() + e + 1);
      while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
      return;
    }
  }
}

struct Conversion {
  bool left = false;
  bool plus = false;
  bool space = false;
  bool zero = false;
  bool alternate = false;
  int width = 0;
  int precision = -1;
  char type = 's';
};

std::string pad(const Conversion& c, std::string sign, std::string body, bool numeric) {
  const std::size_t length = sign.size() + body.size();
  const std::size_t width = static_cast<std::size_t>(c.width);
  if (length >= width) return sign + body;
  const std::size_t fill = width - length;
  if (c.left) return sign + body + std::string(fill, ' ');
  if (c.zero && numeric) return sign + std::string(fill, '0') + body;
  return std::string(fill, ' ') + sign + body;
}

std::string sign_of(const Conversion& c, bool negative) {
  if (negative) return "-";
  if (c.plus) return "+";
  if (c.space) return " ";
  return "";
}

[[noreturn]] void mismatch(const Conversion& c, const char* what) {
  throw std::logic_error(std::string("py_percent: %") + c.type + " format: " + what);
}

std::string format_integer(const Conversion& c, std::int64_t value) {
  const bool negative = value < 0;
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  std::string body;
  std::string prefix;
  const char* digits = c.type == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  const unsigned base = (c.type == 'x' || c.type == 'X') ? 16U : c.type == 'o' ? 8U : 10U;
  do {
    body.insert(body.begin(), digits[magnitude % base]);
    magnitude /= base;
  } while (magnitude != 0);
  if (c.precision > 0 && body.size() < static_cast<std::size_t>(c.precision)) {
    body.insert(0, static_cast<std::size_t>(c.precision) - body.size(), '0');
  }
  if (c.alternate && base == 16) prefix = c.type == 'X' ? "0X" : "0x";
  if (c.alternate && base == 8) prefix = "0o";
  return pad(c, sign_of(c, negative) + prefix, body, true);
}

std::string format_float(const Conversion& c, double value) {
  const bool negative = std::signbit(value);
  const double magnitude = std::fabs(value);
  std::string body;
  const bool upper = c.type == 'E' || c.type == 'F' || c.type == 'G';
  if (std::isnan(value)) {
    body = upper ? "NAN" : "nan";
  } else if (std::isinf(value)) {
    body = upper ? "INF" : "inf";
  } else {
    std::string format = c.alternate ? "%#.*" : "%.*";
    format += c.type;
    body = c_format(format.c_str(), c.precision < 0 ? 6 : c.precision, magnitude);
  }
  return pad(c, sign_of(c, negative && !std::isnan(value)), body, true);  // Python zero-pads inf too
}

double as_float(const Conversion& c, const PyValue& arg) {
  const auto& v = arg.storage();
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? 1.0 : 0.0;
  mismatch(c, "a real number is required, not str");
}

std::int64_t as_integer(const Conversion& c, const PyValue& arg) {
  const auto& v = arg.storage();
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* b = std::get_if<bool>(&v)) return *b ? 1 : 0;
  if (const auto* d = std::get_if<double>(&v)) {
    if (c.type == 'x' || c.type == 'X' || c.type == 'o') mismatch(c, "an integer is required, not float");
    if (!(std::fabs(*d) < 9223372036854775808.0)) mismatch(c, "the float does not fit in a 64-bit int");
    return static_cast<std::int64_t>(std::trunc(*d));
  }
  mismatch(c, "a number is required, not str");
}

std::string format_one(const Conversion& c, const PyValue& arg) {
  switch (c.type) {
    case 'd':
    case 'i':
    case 'u':
    case 'x':
    case 'X':
    case 'o': return format_integer(c, as_integer(c, arg));
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': return format_float(c, as_float(c, arg));
    case 'c': {
      const auto& v = arg.storage();
      std::string body;
      if (const auto* s = std::get_if<std::string>(&v)) {
        body = *s;
      } else {
        body = std::string(1, static_cast<char>(as_integer(c, arg)));
      }
      return pad(c, "", body, false);
    }
    case 's':
    case 'r': {
      std::string body = c.type == 'r' ? py_repr(arg) : py_str(arg);
      if (c.precision >= 0 && body.size() > static_cast<std::size_t>(c.precision)) {
        body.resize(static_cast<std::size_t>(c.precision));
      }
      return pad(c, "", body, false);
    }
    default: break;
  }
  mismatch(c, "unsupported format character");
}

}  // namespace

std::string py_str(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  const std::string sign = std::signbit(value) ? "-" : "";
  if (value == 0.0) return sign + "0.0";
  std::string digits;
  int exponent = 0;
  shortest_digits(std::fabs(value), digits, exponent);
  const int point = exponent + 1;  // digits before the decimal point
  if (point > -4 && point <= 16) {
    if (point <= 0) return sign + "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
    const std::size_t p = static_cast<std::size_t>(point);
    if (digits.size() <= p) return sign + digits + std::string(p - digits.size(), '0') + ".0";
    return sign + digits.substr(0, p) + "." + digits.substr(p);
  }
  std::string mantissa = digits.substr(0, 1);
  if (digits.size() > 1) mantissa += "." + digits.substr(1);
  const int magnitude = exponent < 0 ? -exponent : exponent;
  std::string exponent_text = std::to_string(magnitude);
  if (exponent_text.size() < 2) exponent_text.insert(0, "0");
  return sign + mantissa + (exponent < 0 ? "e-" : "e+") + exponent_text;
}

std::string py_str(bool value) { return value ? "True" : "False"; }

std::string py_str(const PyValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return v;
        } else {
          return py_str(v);
        }
      },
      value.storage());
}

std::string py_repr(std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = (has_single && !has_double) ? '"' : '\'';
  std::string out(1, quote);
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    if (ch == quote || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[byte >> 4];
      out += hex[byte & 15];
    } else {
      out += ch;  // printable ASCII, or a byte of UTF-8 text, which Python prints as it is
    }
  }
  out += quote;
  return out;
}

std::string py_repr(const PyValue& value) {
  if (const auto* s = std::get_if<std::string>(&value.storage())) return py_repr(*s);
  return py_str(value);
}

std::string py_percent_values(std::string_view format, const std::vector<PyValue>& args) {
  std::string out;
  std::size_t next_arg = 0;
  std::size_t i = 0;
  while (i < format.size()) {
    const char ch = format[i++];
    if (ch != '%') {
      out += ch;
      continue;
    }
    Conversion c;
    for (; i < format.size(); ++i) {
      const char flag = format[i];
      if (flag == '-') c.left = true;
      else if (flag == '+') c.plus = true;
      else if (flag == ' ') c.space = true;
      else if (flag == '0') c.zero = true;
      else if (flag == '#') c.alternate = true;
      else break;
    }
    while (i < format.size() && format[i] >= '0' && format[i] <= '9') c.width = c.width * 10 + (format[i++] - '0');
    if (i < format.size() && format[i] == '.') {
      ++i;
      c.precision = 0;
      while (i < format.size() && format[i] >= '0' && format[i] <= '9')
        c.precision = c.precision * 10 + (format[i++] - '0');
    }
    while (i < format.size() && (format[i] == 'l' || format[i] == 'h' || format[i] == 'L')) ++i;
    if (i >= format.size()) throw std::logic_error("py_percent: incomplete format: " + std::string(format));
    c.type = format[i++];
    if (c.type == '%') {
      out += '%';
      continue;
    }
    if (next_arg >= args.size())
      throw std::logic_error("py_percent: not enough arguments for format: " + std::string(format));
    out += format_one(c, args[next_arg++]);
  }
  if (next_arg != args.size())
    throw std::logic_error("py_percent: not all arguments converted: " + std::string(format));
  return out;
}

std::string py_list(const std::vector<PyValue>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += ", ";
    out += py_repr(items[i]);
  }
  return out + "]";
}

std::int64_t py_round(double value) {
  const double rounded = std::nearbyint(value);  // the default rounding mode: half to even
  return static_cast<std::int64_t>(rounded);
}

double py_round(double value, int ndigits) {
  if (!std::isfinite(value)) return value;
  if (ndigits < 0) {
    const double scale = std::pow(10.0, -ndigits);
    return std::nearbyint(value / scale) * scale;
  }
  const std::string text = c_format("%.*f", ndigits, value);
  return std::strtod(text.c_str(), nullptr);
}

std::int64_t py_floordiv(std::int64_t a, std::int64_t b) {
  if (b == 0) throw std::domain_error("integer division or modulo by zero");
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::int64_t py_mod(std::int64_t a, std::int64_t b) { return a - py_floordiv(a, b) * b; }

}  // namespace ks::ostep
