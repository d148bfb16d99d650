def log = new File(basedir, 'build.log').text
['dotdot', 'absolute', 'abs_symlink', 'rel_symlink', 'dir_symlink', 'dir_symlink_write', 'make_symlink',
 'ro_write', 'ro_unlink', 'ro_mkdir', 'ro_rename', 'ro_truncate'].each { label ->
    assert log =~ /(?m)^${label}: denied [A-Z]+$/: "attempt ${label} was not denied"
}
assert !log.contains('ESCAPED')
assert log =~ /(?m)^ro_write: denied EROFS$/
assert !new File(basedir, 'outside/created.txt').exists()
assert new File(basedir, 'ro/keep.txt').text == 'keep me\n'
assert !new File(basedir, 'ro/new.txt').exists()
assert !new File(basedir, 'ro/moved.txt').exists()
true
