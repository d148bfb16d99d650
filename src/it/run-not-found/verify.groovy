def log = new File(basedir, 'build.log').text
assert log.contains("command \"nope\" not found. Use 'mvn wippy:run -Dcommand=list' to see available commands")
true
