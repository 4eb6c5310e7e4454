#include "acmsim/model/acm/validation_token.hpp"

#include <cctype>

#include "acmsim/core/random.hpp"

namespace acmsim::model {

namespace {
std::string hex32(std::uint64_t state) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (int w = 0; w < 2; ++w) {
    std::uint64_t v = core::splitmix64(state);
    for (int i = 0; i < 16; ++i) {
      out += digits[v & 15];
      v >>= 4;
    }
  }
  return out;
}
}  // namespace

std::string_view validation_base(std::string_view domain) {
  if (domain.rfind("*.", 0) == 0) domain.remove_prefix(2);
  return domain;
}

ValidationRecord validation_record_for(std::string_view account, std::string_view domain_in) {
  std::string domain(validation_base(domain_in));
  for (auto& c : domain) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!domain.empty() && domain.back() == '.') domain.pop_back();
  const std::string key = std::string(account) + "|" + domain;
  const std::uint64_t h = core::fnv1a64(key);
  std::uint64_t letters_state = h ^ 0x5bd1e995ULL;
  std::string letters;
  for (int i = 0; i < 10; ++i) letters += static_cast<char>('a' + core::splitmix64(letters_state) % 26);
  return ValidationRecord{"_" + hex32(h) + "." + domain + ".", "_" + hex32(h ^ 0xa5a5a5a5a5a5a5a5ULL) + "." + letters + ".acm-validations.aws."};
}

}  // namespace acmsim::model
