module org.hakmem.box.bigcache { requires org.hakmem.api; }
