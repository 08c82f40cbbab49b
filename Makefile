# The two commands a newcomer needs: `make run` and `make test`. See README.md.
export PKG_CONFIG_PATH := $(CURDIR)/.deps/pkgconfig$(if $(PKG_CONFIG_PATH),:$(PKG_CONFIG_PATH))

.PHONY: run test build bootstrap bench clean-data

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

bootstrap:
	@bash scripts/bootstrap.sh

build: bootstrap
	swift build

bench: bootstrap
	@bash scripts/bench.sh

clean-data:
	rm -rf data
