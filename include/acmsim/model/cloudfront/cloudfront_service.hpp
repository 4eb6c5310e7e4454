// CloudFront (global): distributions, their alternate domain names and viewer
// certificates (ACM, us-east-1 only, covering every alias), deployment time.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "acmsim/core/random.hpp"
#include "acmsim/core/simulation.hpp"
#include "acmsim/core/trace.hpp"
#include "acmsim/model/acm/acm_service.hpp"
#include "acmsim/model/aws_error.hpp"
#include "acmsim/model/changes.hpp"
#include "acmsim/model/service_context.hpp"
#include "acmsim/model/settings.hpp"
#include "acmsim/model/state_change.hpp"

namespace acmsim::model {

struct ViewerCertificate {
  bool cloudfront_default = true;
  std::string acm_certificate_arn;
  std::string ssl_support_method;
  std::string minimum_protocol_version;
};

/// What the model reads of a DistributionConfig; the rest is kept as given.
struct DistributionSettings {
  std::string caller_reference;
  std::string comment;
  bool enabled = true;
  std::vector<std::string> aliases;
  ViewerCertificate viewer;
  core::Json config;  // the DistributionConfig as given, echoed in responses
};

struct Distribution {
  std::uint32_t index = 0;  // position in creation order: the analysis's key (Part::CloudFront)
  std::string id;
  std::string domain_name;  // dxxxxxxxxxxxxx.cloudfront.net
  DistributionSettings settings;
  std::string etag;
  int version = 1;
  SimTime last_modified;
  SimTime deployed_at;
  SimTime first_deployed_at;  // serves from here on (an update keeps serving the old config)
  std::string previous_certificate_arn;
  SimTime certificate_switch_at;
  SimTime certificate_attached_at;
  std::int32_t origin = -1;
  bool deleted = false;

  [[nodiscard]] std::string arn(const std::string& account) const { return "arn:aws:cloudfront::" + account + ":distribution/" + id; }
  [[nodiscard]] bool deployed(SimTime now) const { return now >= deployed_at; }
  [[nodiscard]] const std::string& serving_arn(SimTime now) const {
    return now < certificate_switch_at && !previous_certificate_arn.empty() ? previous_certificate_arn : settings.viewer.acm_certificate_arn;
  }
};

class CloudFrontService {
 public:
  CloudFrontService(const ServiceContext& ctx, AcmService& acm);

  /// Where changes to one distribution (its aliases, certificate, deletion) are reported.
  void set_change_sink(ChangeSink* sink) { sink_ = sink; }

  Outcome<const Distribution*> create_distribution(const DistributionSettings& in);
  Outcome<const Distribution*> get_distribution(const std::string& id) const;
  Outcome<const Distribution*> update_distribution(const std::string& id, const std::string& if_match, const DistributionSettings& in);
  Outcome<bool> delete_distribution(const std::string& id, const std::string& if_match);
  [[nodiscard]] std::vector<const Distribution*> all() const;
  /// How many distributions were ever made (live or deleted): indexes run below it.
  [[nodiscard]] std::uint32_t count() const { return static_cast<std::uint32_t>(distributions_.size()); }
  /// The live distribution at this index, or null; a read of it alone.
  [[nodiscard]] const Distribution* at(std::uint32_t index) const;
  /// The live distribution whose CloudFront domain name (dxxxx.cloudfront.net) is `name`, or null.
  [[nodiscard]] const Distribution* find_by_domain_name(const std::string& name) const;

 private:
  Distribution* find(const std::string& id);
  void index_aliases(const std::vector<std::string>& aliases, std::size_t at);
  void unindex_aliases(const std::vector<std::string>& aliases, std::size_t at);
  std::optional<AwsError> check(const DistributionSettings& in, const std::string& self_id) const;
  std::string random_id(std::size_t n, std::string_view alphabet);
  void trace_state(const Distribution& d, StateChange change, core::Json extra = core::Json::object());
  void changed(const Distribution& d);

  const ServiceContext& ctx_;
  AcmService& acm_;
  core::RandomStream ids_;
  std::vector<Distribution> distributions_;
  // Indexes into distributions_ of the live ones, so that a call costs what it
  // touches, not the number of distributions: by id, by CloudFront domain
  // name (every alias record and probe asks), by caller reference, and by
  // alternate domain name (unique among live distributions).
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<std::string, std::size_t> by_domain_name_;
  std::unordered_map<std::string, std::size_t> by_caller_reference_;
  std::unordered_map<std::string, std::size_t> by_alias_;
  ChangeSink* sink_ = nullptr;
};

}  // namespace acmsim::model
