module org.hakmem.box.batch { requires org.hakmem.api; }
