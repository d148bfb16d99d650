# What the issue did between two builds: one byte appended to the binary.
printf '\000' >> wasm/compute.wasm
