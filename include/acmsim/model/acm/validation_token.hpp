// The DNS validation record of a domain name: a pure function of the account
// and the name without a leading "*.", so that it is the same for every
// certificate, region and renewal, as in AWS (aws-behaviour.md §2.1).
#pragma once

#include <string>
#include <string_view>

namespace acmsim::model {

struct ValidationRecord {
  std::string name;   // "_<32 hex>.<domain>."
  std::string value;  // "_<32 hex>.<10 letters>.acm-validations.aws."
};

ValidationRecord validation_record_for(std::string_view account, std::string_view domain);

/// "*.example.com" -> "example.com": the name whose record validates `domain`.
std::string_view validation_base(std::string_view domain);

}  // namespace acmsim::model
