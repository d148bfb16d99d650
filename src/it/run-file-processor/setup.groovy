evaluate(new File(itShared, "prepare.groovy"))
