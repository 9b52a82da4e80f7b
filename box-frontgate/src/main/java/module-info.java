module org.hakmem.box.frontgate { requires org.hakmem.api; }
