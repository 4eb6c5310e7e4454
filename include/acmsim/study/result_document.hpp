// The result document of a sweep (JSON): the study's definition, per point the
// raw samples of each metric, their statistics and the analytic values. A
// shard's document has its slice of samples and no statistics; merging the
// shards rebuilds exactly the document of the unsharded run.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "acmsim/study/sweep.hpp"

namespace acmsim::study {

/// A result file that cannot be merged: says which and why.
class MergeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The document of a sweep; `shard` is written when the run was one slice of several.
Json result_document(const Study& st, const SweepData& data, const Shard& shard);

/// Combines shard documents (in any order) into the unsharded document.
/// Throws MergeError when they are of different studies, overlap or leave gaps.
Json merge_results(const std::vector<std::pair<std::string, Json>>& named_documents);

}  // namespace acmsim::study
