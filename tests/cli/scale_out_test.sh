#!/usr/bin/env bash
# Sharded sweeps: four GNU-parallel shards, and each docs/scale-out recipe's
# command run with its scheduler's variables, merge to the bytes of one
# unsharded run. Installs GNU parallel (Debian) where missing.
set -uo pipefail
bin="$1"; src="$2"
if ! command -v parallel >/dev/null; then
  "$src"/tools/apt-install parallel
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
study="$src/scenarios/whatif/edge-vs-regional-latency.study.json"
fails=0
check() { if [[ "$2" == "$3" ]]; then echo "ok   $1"; else echo "FAIL $1 (got $3, expected $2)"; fails=$((fails + 1)); fi; }
same() { if cmp -s "$2" "$3"; then echo "ok   $1"; else echo "FAIL $1: $2 and $3 differ"; fails=$((fails + 1)); fi; }

"$bin" sweep "$study" --threads 1 --quiet --out "$work/whole.json" >/dev/null 2>"$work/err"; check "unsharded sweep exits 0" 0 $?
[[ ! -s "$work/err" ]]; check "no progress bar when stderr is not a terminal" 0 $?
"$bin" sweep "$study" --threads 2 --quiet --out "$work/whole2.json" >/dev/null
same "--threads 2 gives the bytes of --threads 1" "$work/whole.json" "$work/whole2.json"

# GNU parallel: four shards on this machine.
mkdir -p "$work/p"
parallel -j4 "$bin" sweep "$study" --shard {}/4 --threads 1 --quiet --out "$work/p/shard-{}.json" ::: 0 1 2 3 >/dev/null
"$bin" merge "$work"/p/shard-*.json --out "$work/p/merged.json" >/dev/null; check "merge of the parallel shards exits 0" 0 $?
same "four GNU-parallel shards merge to the unsharded result" "$work/whole.json" "$work/p/merged.json"

# Slurm: the sbatch script as each array task runs it.
for i in 0 1 2 3; do
  SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=4 SLURM_ARRAY_TASK_MIN=0 SLURM_CPUS_PER_TASK=1 ACMSIM="$bin" STUDY="$study" OUT="$work/slurm" \
    bash "$src/docs/scale-out/slurm-sweep.sbatch" >/dev/null 2>&1
done
"$bin" merge "$work"/slurm/shard-*.json --out "$work/slurm/merged.json" >/dev/null
same "the Slurm array recipe merges to the unsharded result" "$work/whole.json" "$work/slurm/merged.json"

# Kubernetes: the Indexed Job's command, with the index the Job controller sets.
cmd=$(grep -E '^\s+- acmsim sweep' "$src/docs/scale-out/kubernetes-indexed-job.yaml" | sed -E 's/^\s+- //')
cmd=${cmd//scenarios\/whatif\/validation-record-deletion-risk.study.json/$study}
cmd=${cmd//\/results/$work/k8s}
cmd=${cmd/acmsim/$bin}
mkdir -p "$work/k8s"
for i in 0 1 2 3; do JOB_COMPLETION_INDEX=$i sh -c "$cmd" >/dev/null 2>&1; done
"$bin" merge "$work"/k8s/shard-*.json --out "$work/k8s/merged.json" >/dev/null
same "the Kubernetes Indexed Job recipe merges to the unsharded result" "$work/whole.json" "$work/k8s/merged.json"

# AWS Batch: the job definition's command, with the array variables Batch sets.
cmd=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['containerProperties']['command'][2])" "$src/docs/scale-out/aws-batch-job-definition.json")
cmd=${cmd//scenarios\/whatif\/validation-record-deletion-risk.study.json/$study}
cmd=${cmd//\/results/$work/batch}
cmd=${cmd/acmsim/$bin}
mkdir -p "$work/batch"
for i in 0 1 2 3; do AWS_BATCH_JOB_ARRAY_INDEX=$i AWS_BATCH_JOB_ARRAY_SIZE=4 sh -c "$cmd" >/dev/null 2>&1; done
"$bin" merge "$work"/batch/shard-*.json --out "$work/batch/merged.json" >/dev/null
same "the AWS Batch array recipe merges to the unsharded result" "$work/whole.json" "$work/batch/merged.json"

# Errors: exit 2, a message, no output file.
status=0; "$bin" merge "$work"/p/shard-0.json "$work"/p/shard-2.json --out "$work/gap.json" >/dev/null 2>"$work/err" || status=$?
check "merge with a missing shard exits 2" 2 $status
grep -q "a shard is missing" "$work/err"; check "and says a shard is missing" 0 $?
[[ ! -e "$work/gap.json" ]]; check "and writes nothing" 0 $?
status=0; "$bin" sweep "$study" --shard 4/4 --out "$work/x.json" >/dev/null 2>&1 || status=$?; check "--shard 4/4 exits 2" 2 $status
status=0; JOB_COMPLETION_INDEX=1 "$bin" sweep "$study" --out "$work/x.json" >/dev/null 2>"$work/err" || status=$?
check "JOB_COMPLETION_INDEX without --shard-count exits 2" 2 $status
grep -q -- "--shard-count" "$work/err"; check "and asks for --shard-count" 0 $?
printf '{"study": "x", "base": "nowhere.json", "parameters": [], "metrics": []}' > "$work/bad.study.json"
status=0; "$bin" sweep "$work/bad.study.json" --out "$work/x.json" >/dev/null 2>"$work/err" || status=$?
check "a bad study exits 2" 2 $status
grep -q "bad.study.json:1:" "$work/err"; check "and says FILE:LINE:" 0 $?
[[ ! -e "$work/x.json" ]]; check "and writes nothing" 0 $?
"$bin" sweep --help | grep -q -- "--shard"; check "sweep --help documents --shard" 0 $?
"$bin" merge --help | grep -q "RESULT"; check "merge --help documents its arguments" 0 $?

# The README's study example is a valid study (its base, beside it as the
# study's folder requires, is the bundled one).
cp "$src/scenarios/whatif/validation-record-deleted.json" "$work/"
python3 -c "import sys; s=open(sys.argv[1]).read(); i=s.index('## What-if studies'); b=s[i:].split('\x60\x60\x60json\n')[1].split('\x60\x60\x60')[0]; open(sys.argv[2],'w').write(b)" \
  "$src/README.md" "$work/readme.study.json"
status=0; "$bin" sweep "$work/readme.study.json" --replications 4 --quiet >/dev/null 2>"$work/err" || status=$?
check "the README's study example runs" 0 $status

echo "scale-out: $fails failed"
[[ $fails -eq 0 ]]
