# Shortcuts for the scripts in scripts/ (which are what CI and the README use).
.PHONY: run test bundle package-test bench
run:
	scripts/run.sh
test:
	scripts/test.sh
bundle:
	scripts/bundle.sh
package-test:
	scripts/package-test.sh
bench:
	bench/refresh-vs-newsboat.sh 1000 3
