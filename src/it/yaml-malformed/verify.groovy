def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] src/main/wippy/_index.yaml:5:4: invalid YAML: expected <block end>, but found '<block mapping start>'")
assert log.contains('1 problem in Wippy manifests:')
assert !log.contains('\tat ai.wippy')
true
